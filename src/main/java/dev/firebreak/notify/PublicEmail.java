package dev.firebreak.notify;

import java.util.List;

/** An e-mail to the public (status page subscribers): only public text, with its unsubscribe link. */
public record PublicEmail(List<String> to, String subject, String text, String unsubscribeUrl) {
}
