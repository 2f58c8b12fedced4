package netstep.store;

import netstep.experiment.Experiment;

/** An experiment's full state as text, and back. */
public interface ExperimentCodec {
    String write(Experiment e);

    /** Puts the state back into {@code e}; throws a RuntimeException, leaving {@code e} as it was, if it does not fit. */
    void read(String state, Experiment e);
}
