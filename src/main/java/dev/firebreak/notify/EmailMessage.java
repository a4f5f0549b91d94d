package dev.firebreak.notify;

import java.util.List;

/** An e-mail to people about an incident. */
public record EmailMessage(String incidentKey, List<String> to, String subject, String body, boolean drill) {
}
