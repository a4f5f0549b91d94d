package dev.firebreak.platform.identity;

import java.util.List;
import java.util.Set;

/**
 * Someone signed in through the identity provider (single sign-on): who the provider says they
 * are. Published during the sign-in, before the first page: the contact directory (a higher floor)
 * listens and keeps the person, their Camunda user and their group memberships in step, so Camunda's
 * webapps, authorization checks and the job executor see the same person and groups.
 *
 * @param userId the person's id (Camunda user id)
 * @param name their full name as the provider says it
 * @param email their e-mail address
 * @param groups the Firebreak groups the provider's claims give them
 * @param managedGroups every group single sign-on keeps (a member of one of these that the claims no
 *     longer give is taken out of it); other groups are left as they are
 */
public record SignedInThroughIdentityProvider(String userId, String name, String email, List<String> groups,
    Set<String> managedGroups) {
}
