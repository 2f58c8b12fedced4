package netstep.web;

/**
 * How the server treats its connections: how many requests it serves at once, and how little patience it has
 * with a client that sends too slowly or falls silent (one such client must not hold a thread the class needs).
 *
 * @param requestThreads           threads serving requests
 * @param minRequestBytesPerSecond the slowest a request body may arrive before the request is ended with 408
 * @param idleTimeoutSeconds       how long a request may wait for its client's next byte
 */
public record Connections(int requestThreads, int minRequestBytesPerSecond, int idleTimeoutSeconds) {
    /**
     * Two cores gain nothing from hundreds of threads running at once, while each costs a stack and buffers;
     * waiting requests queue in order instead (Javalin's default allows 250).
     */
    public static final int DEFAULT_REQUEST_THREADS = 32;
    /** A form is a few hundred bytes and the largest upload 1 MB: at this rate it arrives within 2 minutes. */
    public static final int DEFAULT_MIN_REQUEST_BYTES_PER_SECOND = 8_192;
    /** Jetty's default is 30 s; a silent client need not hold a thread that long. */
    public static final int DEFAULT_IDLE_TIMEOUT_SECONDS = 10;

    public static final Connections DEFAULTS = new Connections(DEFAULT_REQUEST_THREADS,
            DEFAULT_MIN_REQUEST_BYTES_PER_SECOND, DEFAULT_IDLE_TIMEOUT_SECONDS);

    public Connections {
        if (requestThreads < 1 || minRequestBytesPerSecond < 1 || idleTimeoutSeconds < 1) {
            throw new IllegalArgumentException("request threads, minimum data rate and idle timeout must be 1 or more");
        }
    }
}
