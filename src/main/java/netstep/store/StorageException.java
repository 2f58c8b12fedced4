package netstep.store;

/** The database could not be read or written (it is down, the disk is full, ...). */
public final class StorageException extends RuntimeException {
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
