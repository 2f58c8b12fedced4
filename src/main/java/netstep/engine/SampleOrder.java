package netstep.engine;

/** The order SGD visits the samples in: as listed, or reshuffled every epoch. */
public enum SampleOrder {
    SEQUENTIAL("sequential", "in order"),
    SHUFFLED("shuffled", "shuffled each epoch");

    public final String id;
    public final String label;

    SampleOrder(String id, String label) {
        this.id = id;
        this.label = label;
    }

    public static SampleOrder fromId(String id) {
        return Ids.fromId(values(), o -> o.id, id, "sample order");
    }
}
