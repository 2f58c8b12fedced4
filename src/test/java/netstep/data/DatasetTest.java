package netstep.data;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetTest {

    private static final List<double[]> XS = List.of(new double[] {1, 2}, new double[] {3, 4});
    private static final List<double[]> YS = List.of(new double[] {5}, new double[] {6});

    @Test
    void withoutATestSplit() {
        Dataset d = new Dataset("d", "t", "s", XS, YS);
        assertFalse(d.hasTest());
        assertEquals(0, d.testSize());
        assertEquals(0, d.testXMatrix().length);
        assertEquals(0, d.testYMatrix().length);
        assertEquals(2, d.size());
        assertEquals(2, d.inputs());
        assertEquals(1, d.outputs());
    }

    @Test
    void withATestSplit() {
        Dataset d = new Dataset("d", "t", "s", XS, YS, List.of(new double[] {7, 8}), List.of(new double[] {9}));
        assertTrue(d.hasTest());
        assertEquals(1, d.testSize());
        assertEquals(2, d.size(), "size() counts the training samples");
        assertArrayEquals(new double[][] {{7, 8}}, d.testXMatrix());
        assertArrayEquals(new double[][] {{9}}, d.testYMatrix());
        assertArrayEquals(new double[] {7, 8}, d.testX(0));
        assertArrayEquals(new double[] {9}, d.testY(0));
    }

    @Test
    void nothingOutsideCanChangeIt() {
        double[] x = {1, 2};
        List<double[]> xs = new ArrayList<>(List.of(x));
        double[] testX = {3, 4};
        Dataset d = new Dataset("d", "t", "s", xs, List.of(new double[] {5}), List.of(testX),
                List.of(new double[] {6}));
        x[0] = 100;
        testX[0] = 100;
        xs.add(new double[] {0, 0});
        d.x(0)[0] = 100;
        d.xMatrix()[0][0] = 100;
        d.testXMatrix()[0][0] = 100;
        d.testX(0)[0] = 100;
        assertEquals(1, d.size());
        assertArrayEquals(new double[] {1, 2}, d.x(0));
        assertArrayEquals(new double[] {3, 4}, d.testX(0));
        assertThrows(UnsupportedOperationException.class, () -> d.testXs().add(new double[] {0, 0}));
    }

    @Test
    void widthsAndCountsMustAgree() {
        List<double[]> one = List.of(new double[] {1});
        assertThrows(IllegalArgumentException.class, () -> new Dataset("d", "t", "s", List.of(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Dataset("d", "t", "s", XS, one));
        assertThrows(IllegalArgumentException.class,
                () -> new Dataset("d", "t", "s", List.of(new double[] {1, 2}, new double[] {3}), YS));
        assertThrows(IllegalArgumentException.class,
                () -> new Dataset("d", "t", "s", XS, YS, List.of(new double[] {1}), one));
        assertThrows(IllegalArgumentException.class,
                () -> new Dataset("d", "t", "s", XS, YS, List.of(new double[] {1, 2}), List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new Dataset("d", "t", "s", XS, YS, List.of(new double[] {1, 2}), List.of(new double[] {1, 2})));
    }
}
