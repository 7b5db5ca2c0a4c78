package io.redissession.session;

import java.util.List;

/**
 * What the user's session limit made of a login.
 *
 * @param refused whether the login was refused ({@code reject-new} at the limit); nothing was recorded
 * @param toEnd the user's older sessions the caller must end now ({@code expire-oldest} over the limit)
 */
public record LoginAdmission(boolean refused, List<String> toEnd) {

    /** Copies the list. */
    public LoginAdmission {
        toEnd = List.copyOf(toEnd);
    }
}
