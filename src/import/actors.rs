//! Who an imported article mentions: the known actors, found with the same
//! [`ActorMatcher`] the build uses. The names no actor matches are
//! candidates for the registry ([`crate::actors::candidates`]).

use crate::annotate::ActorMatcher;
use crate::load::Actor;

/// Ids of the actors the text mentions, in order of first mention.
pub(crate) fn known(matcher: &ActorMatcher, actors: &[Actor], text: &str) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for hit in matcher.find(text) {
        let crate::annotate::Named::Actor(i) = hit.named else { continue };
        let id = &actors[i].id;
        if !ids.contains(id) {
            ids.push(id.clone());
        }
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::ActorKind;

    #[test]
    fn known_actors_in_order_of_first_mention() {
        let actors = vec![Actor {
            id: "mark-rutte".into(),
            name: "Mark Rutte".into(),
            kind: ActorKind::Person,
            role: None,
            description: None,
            aliases: vec!["Rutte".into()],
            wikidata: None,
            website: None,
        }];
        let m = ActorMatcher::new(&actors);
        assert_eq!(known(&m, &actors, "NATO Secretary General Mark Rutte met Yuri Ushakov; Rutte spoke."), ["mark-rutte"]);
    }
}
