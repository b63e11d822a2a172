//! The outcome line of a form that reads files (an import, a batch of exports, a report): a
//! typed message instead of an `(is_error, text)` pair, and the live region that shows it.

use leptos::prelude::*;

/// Whether a message reports a failure or informs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Something failed; announced at once (`role="alert"`), shown as an error banner.
    Error,
    /// For information (`role="status"`).
    Info,
}

/// One message of a form, in Chinese.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// Failure or information.
    pub tone: Tone,
    /// The text.
    pub text: String,
}

impl Message {
    /// A failure.
    pub fn error(text: String) -> Message {
        Message {
            tone: Tone::Error,
            text,
        }
    }

    /// Information.
    pub fn info(text: String) -> Message {
        Message {
            tone: Tone::Info,
            text,
        }
    }

    /// The live-region role for `message`: `alert` for a failure, else `status`.
    pub fn role(message: Option<&Message>) -> &'static str {
        match message {
            Some(m) if m.tone == Tone::Error => "alert",
            _ => "status",
        }
    }

    /// The banner class for `message` (none while there is no message).
    pub fn banner_class(message: Option<&Message>) -> &'static str {
        match message.map(|m| m.tone) {
            Some(Tone::Error) => "banner banner-error",
            Some(Tone::Info) => "banner banner-info",
            None => "",
        }
    }
}

/// The message as a banner in a live region that is in the page from the start (empty until
/// used): screen readers announce a change of its text, not reliably a region that arrives with
/// its text.
#[component]
pub fn MessageBanner(
    /// The message shown, if any.
    message: RwSignal<Option<Message>>,
    /// The `data-testid` of the paragraph.
    testid: &'static str,
) -> impl IntoView {
    view! {
        <p
            class=move || message.with(|m| Message::banner_class(m.as_ref()))
            role=move || message.with(|m| Message::role(m.as_ref()))
            data-testid=testid
        >
            {move || message.with(|m| m.as_ref().map(|m| m.text.clone()))}
        </p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failure_is_an_alert_and_everything_else_a_status() {
        let error = Message::error("无法读取".to_string());
        let info = Message::info("已导入".to_string());
        assert_eq!(Message::role(Some(&error)), "alert");
        assert_eq!(Message::role(Some(&info)), "status");
        assert_eq!(Message::role(None), "status");
        assert_eq!(Message::banner_class(Some(&error)), "banner banner-error");
        assert_eq!(Message::banner_class(Some(&info)), "banner banner-info");
        assert_eq!(Message::banner_class(None), "");
    }
}
