package netstep.web;

/** A request refused on principle (e.g. a cross-site form post); the message says why. */
final class Forbidden extends RuntimeException {
    Forbidden(String message) {
        super(message);
    }
}
