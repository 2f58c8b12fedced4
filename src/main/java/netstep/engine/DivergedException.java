package netstep.engine;

/** Training produced NaN or infinity: the learning rate is too large for this loss and network. */
public final class DivergedException extends RuntimeException {
    public DivergedException(String message) {
        super(message);
    }
}
