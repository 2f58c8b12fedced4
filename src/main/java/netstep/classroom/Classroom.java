package netstep.classroom;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Class mode: the instructor signs in with NETSTEP_INSTRUCTOR_PASSWORD, opens classes and leads them; students
 * join by code. Without a password, class mode is off. The instructor's sign-in is a random token in an
 * HttpOnly cookie whose hash the database keeps: nothing the browser can set makes it an instructor.
 */
public final class Classroom {
    /** An instructor stays signed in this long. */
    public static final Duration INSTRUCTOR_SESSION = Duration.ofHours(12);
    /** Wrong passwords allowed per client, and for everyone together, in {@link #FAILURE_WINDOW}. */
    public static final int FAILURES_PER_CLIENT = 5;
    public static final int FAILURES_IN_ALL = 50;
    public static final Duration FAILURE_WINDOW = Duration.ofMinutes(1);
    public static final int MAX_NAME = 40;

    private static final SecureRandom RANDOM = new SecureRandom();
    private final ClassRepository repository;
    private final byte[] passwordHash;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new LinkedHashMap<>();
    private final Deque<Instant> allFailures = new ArrayDeque<>();

    /** @param instructorPassword null (or blank) turns class mode off */
    public Classroom(ClassRepository repository, String instructorPassword, Clock clock) {
        this.repository = repository;
        this.passwordHash = instructorPassword == null || instructorPassword.isBlank() ? null : sha256(instructorPassword);
        this.clock = clock;
    }

    public boolean enabled() {
        return passwordHash != null;
    }

    public ClassRepository repository() {
        return repository;
    }

    public Instant now() {
        return clock.instant();
    }

    public enum SignIn { SIGNED_IN, WRONG, TOO_MANY, OFF }

    /** @param token receives the new session's cookie value on success */
    public SignIn signIn(String password, String client, String[] token) {
        if (!enabled()) return SignIn.OFF;
        Instant now = clock.instant();
        synchronized (failures) {
            prune(now);
            Deque<Instant> mine = failures.get(client);
            if ((mine != null && mine.size() >= FAILURES_PER_CLIENT) || allFailures.size() >= FAILURES_IN_ALL) {
                return SignIn.TOO_MANY;
            }
            // compared as hashes in constant time: the time taken says nothing about the password
            if (password == null || !MessageDigest.isEqual(sha256(password), passwordHash)) {
                failures.computeIfAbsent(client, c -> new ArrayDeque<>()).add(now);
                allFailures.add(now);
                return SignIn.WRONG;
            }
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        token[0] = HexFormat.of().formatHex(bytes);
        repository.addInstructor(hashOf(token[0]), now);
        return SignIn.SIGNED_IN;
    }

    private void prune(Instant now) {
        Instant since = now.minus(FAILURE_WINDOW);
        while (!allFailures.isEmpty() && allFailures.peekFirst().isBefore(since)) allFailures.removeFirst();
        failures.values().forEach(d -> {
            while (!d.isEmpty() && d.peekFirst().isBefore(since)) d.removeFirst();
        });
        failures.values().removeIf(Deque::isEmpty);
    }

    /** Whether the cookie's token is a signed-in instructor's (checked in the database, so any server knows it). */
    public boolean isInstructor(String token) {
        if (!enabled() || token == null || token.length() != 64) return false;
        return repository.instructor(hashOf(token), clock.instant().minus(INSTRUCTOR_SESSION));
    }

    /** Opens a class under a fresh code. */
    public String open() {
        for (int attempt = 0; attempt < 20; attempt++) {
            String code = JoinCode.fresh();
            if (repository.open(code, clock.instant())) return code;
        }
        throw new IllegalStateException("no free join code after 20 tries");
    }

    /** The open class with this typed code. */
    public Optional<ClassRepository.ClassState> openClass(String typedCode) {
        return JoinCode.normalise(typedCode).flatMap(repository::find).filter(c -> !c.closed());
    }

    /** A display name as shown: printable, at most {@value #MAX_NAME} characters, "Student" when none is given. */
    public static String displayName(String typed) {
        if (typed == null) return "";
        StringBuilder out = new StringBuilder();
        typed.strip().codePoints().filter(cp -> !Character.isISOControl(cp) && Character.getType(cp) != Character.FORMAT)
                .limit(MAX_NAME).forEach(out::appendCodePoint);
        return out.toString().strip();
    }

    public static String hashOf(String token) {
        return HexFormat.of().formatHex(sha256(token));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The latest answers to one question: how many, and how they spread. */
    public record Distribution(int answered, Map<String, Integer> counts) {
    }

    /**
     * Counts of each answer ("+", "−", "0", an option's label, or "skipped"); numbers go into {@code bins} equal
     * bins between the smallest and the largest given, labelled by their ranges through {@code label}.
     */
    public static Distribution distribution(List<ClassRepository.AnswerRow> answers, boolean numbers, int bins,
                                            java.util.function.DoubleFunction<String> label) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        int answered = answers.size();
        if (!numbers) {
            for (ClassRepository.AnswerRow a : answers) counts.merge(a.given() == null ? "skipped" : a.given(), 1, Integer::sum);
            return new Distribution(answered, counts);
        }
        List<Double> values = answers.stream().map(ClassRepository.AnswerRow::number)
                .filter(v -> v != null && Double.isFinite(v)).toList();
        int skipped = answered - values.size();
        if (!values.isEmpty()) {
            double lo = values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            double hi = values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            int n = hi == lo ? 1 : bins;
            double width = (hi - lo) / n;
            int[] c = new int[n];
            for (double v : values) c[n == 1 ? 0 : Math.min(n - 1, (int) ((v - lo) / width))]++;
            for (int i = 0; i < n; i++) {
                String key = n == 1 ? label.apply(lo) : label.apply(lo + i * width) + " to " + label.apply(lo + (i + 1) * width);
                counts.put(key, c[i]);
            }
        }
        if (skipped > 0) counts.put("skipped", skipped);
        return new Distribution(answered, counts);
    }

    /** At most this many recent mean losses of a student are kept for the dashboard's curves. */
    public static final int LOSSES_KEPT = 60;

    /** The stored list of a student's recent mean losses (finite ones only). */
    public static double[] losses(String stored) {
        if (stored == null || stored.isBlank()) return new double[0];
        return java.util.Arrays.stream(stored.split(",")).mapToDouble(s -> {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }).filter(Double::isFinite).toArray();
    }

    /** The last {@link #LOSSES_KEPT} of {@code history}, as stored. */
    public static String lossesToStore(List<Double> history) {
        StringBuilder out = new StringBuilder();
        for (int i = Math.max(0, history.size() - LOSSES_KEPT); i < history.size(); i++) {
            double v = history.get(i);
            if (!Double.isFinite(v)) continue;
            if (out.length() > 0) out.append(',');
            out.append((float) v);
        }
        return out.toString();
    }
}
