package netstep.experiment;

import netstep.engine.Ids;

/** The phases of one SGD step, in the order the lecture teaches them. */
public enum Phase {
    READY("ready", "Ready", ""),
    PICK("pick", "Pick sample", "p"),
    FORWARD("forward", "Forward pass", "f"),
    LOSS("loss", "Loss", "l"),
    BACKWARD("backward", "Backpropagation", "b"),
    UPDATE("update", "Update", "u");

    public final String id;
    public final String label;
    public final String key;

    Phase(String id, String label, String key) {
        this.id = id;
        this.label = label;
        this.key = key;
    }

    public static Phase fromId(String id) {
        return Ids.fromId(values(), p -> p.id, id, "phase");
    }

    /** The phases a student steps through, without READY. */
    public static Phase[] steps() {
        return new Phase[] {PICK, FORWARD, LOSS, BACKWARD, UPDATE};
    }

    public Phase next() {
        return this == UPDATE || this == READY ? PICK : values()[ordinal() + 1];
    }

    public boolean reached(Phase shown) {
        return shown.ordinal() >= ordinal();
    }
}
