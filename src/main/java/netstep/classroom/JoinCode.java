package netstep.classroom;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

/**
 * A class's join code: 6 capital letters without the look-alikes I, L and O (so no 1/l/I or 0/O mix-ups when read
 * off a projector). 23⁶ ≈ 148 million codes; the link and the QR code carry the same code.
 */
public final class JoinCode {
    public static final String ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ";
    public static final int LENGTH = 6;
    private static final SecureRandom RANDOM = new SecureRandom();

    private JoinCode() {
    }

    public static String fresh() {
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        return code.toString();
    }

    /** A typed code as stored (capitals, without spaces or dashes), or empty when it cannot be one. */
    public static Optional<String> normalise(String typed) {
        if (typed == null || typed.length() > 40) return Optional.empty();
        String code = typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (code.length() != LENGTH) return Optional.empty();
        for (char c : code.toCharArray()) if (ALPHABET.indexOf(c) < 0) return Optional.empty();
        return Optional.of(code);
    }
}
