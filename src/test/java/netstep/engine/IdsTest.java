package netstep.engine;

import netstep.experiment.Phase;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every enum written by an id finds each constant by its id and names what it could not find. */
class IdsTest {
    @Test
    void eachConstantIsFoundByItsId() {
        for (Activation.Kind k : Activation.Kind.values()) assertSame(k, Activation.Kind.fromId(k.id));
        for (Loss l : Loss.values()) assertSame(l, Loss.fromId(l.id));
        for (SampleOrder o : SampleOrder.values()) assertSame(o, SampleOrder.fromId(o.id));
        for (Phase p : Phase.values()) assertSame(p, Phase.fromId(p.id));
    }

    @Test
    void anUnknownIdIsRefusedWithWhatWasAskedFor() {
        assertEquals("unknown loss 'log_loss'",
                assertThrows(IllegalArgumentException.class, () -> Loss.fromId("log_loss")).getMessage());
        assertEquals("unknown activation 'TANH'",
                assertThrows(IllegalArgumentException.class, () -> Activation.Kind.fromId("TANH")).getMessage());
        assertEquals("unknown sample order 'random'",
                assertThrows(IllegalArgumentException.class, () -> SampleOrder.fromId("random")).getMessage());
        assertEquals("unknown phase 'null'",
                assertThrows(IllegalArgumentException.class, () -> Phase.fromId(null)).getMessage());
    }
}
