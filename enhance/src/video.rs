//! Videos load nothing from the video site until the user asks: the server renders a play
//! button (`.video-play` with `data-embed` and `data-title`), which this swaps for the player.

use crate::dom;
use wasm_bindgen::JsCast;
use web_sys::{Document, HtmlElement};

pub fn enhance(doc: &Document) {
    let d = doc.clone();
    dom::on(doc, "click", move |ev| {
        let Some(button) = dom::closest(&ev, ".video-play[data-embed]") else {
            return;
        };
        let Ok(frame) = d.create_element("iframe") else {
            return;
        };
        let attr = |name: &str| button.get_attribute(name).unwrap_or_default();
        for (name, value) in [
            ("src", attr("data-embed")),
            ("title", attr("data-title")),
            (
                "allow",
                "autoplay; encrypted-media; picture-in-picture".to_string(),
            ),
            ("allowfullscreen", String::new()),
            (
                "referrerpolicy",
                "strict-origin-when-cross-origin".to_string(),
            ),
        ] {
            let _ = frame.set_attribute(name, &value);
        }
        if button.replace_with_with_node_1(&frame).is_ok()
            && let Ok(frame) = frame.dyn_into::<HtmlElement>()
        {
            // keyboard users land on the player they asked for
            let _ = frame.focus();
        }
    });
}
