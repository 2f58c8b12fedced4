package netstep.engine;

import java.util.function.Function;

/** The one rule for the enums written by an id in forms, files and the API (activations, losses, orders, phases). */
public final class Ids {
    private Ids() {
    }

    /**
     * The constant among {@code values} whose {@code id} is {@code wanted}.
     * @throws IllegalArgumentException "unknown {what} '{wanted}'" when none is
     */
    public static <E extends Enum<E>> E fromId(E[] values, Function<E, String> id, String wanted, String what) {
        for (E value : values) {
            if (id.apply(value).equals(wanted)) return value;
        }
        throw new IllegalArgumentException("unknown " + what + " '" + wanted + "'");
    }
}
