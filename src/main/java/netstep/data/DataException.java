package netstep.data;

/** Data that cannot be used, with a message for the student that names what is wrong (for a table: row and column). */
public final class DataException extends RuntimeException {

    public DataException(String message) {
        super(message);
    }
}
