package netstep.web;

/** A request we cannot act on; the message says what is wrong in words a student understands. */
public final class BadRequest extends netstep.experiment.InvalidInput {
    public BadRequest(String message) {
        super(message);
    }
}
