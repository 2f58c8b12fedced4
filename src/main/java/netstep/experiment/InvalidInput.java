package netstep.experiment;

/** Input from a student, a script or a lesson file that cannot be used; the message says why, in words. */
public class InvalidInput extends RuntimeException {
    public InvalidInput(String message) {
        super(message);
    }
}
