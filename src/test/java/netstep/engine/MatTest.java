package netstep.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A step's ∂L/∂W kept as an outer product is the same matrix as its values written out. */
class MatTest {
    private static final double[] U = {0.5, -2, 0.0, 3e-200};
    private static final double[] V = {1.25, -0.0, 7, 1e300};

    private static Mat written() {
        double[][] values = new double[U.length][V.length];
        for (int j = 0; j < U.length; j++) {
            for (int i = 0; i < V.length; i++) values[j][i] = U[j] * V[i];
        }
        return Mat.of(values);
    }

    @Test
    void theOuterProductHasTheValuesOfItsProducts() {
        Mat outer = Mat.outer(U.clone(), V.clone());
        Mat written = written();
        assertEquals(U.length, outer.rows());
        assertEquals(V.length, outer.columns());
        for (int j = 0; j < U.length; j++) {
            for (int i = 0; i < V.length; i++) assertEquals(written.get(j, i), outer.get(j, i), 0.0);
            assertArrayEquals(written.toArray()[j], outer.toArray()[j], 0.0);
        }
        assertEquals(written, outer);
        assertEquals(outer, written);
        assertEquals(written.hashCode(), outer.hashCode());
        assertEquals(written.toString(), outer.toString());
        // 3e-200 · 1e300 = 3e100 is finite, but 1e300 · 1e300 overflows
        assertTrue(outer.allFinite());
        assertFalse(Mat.outer(new double[] {1e300}, new double[] {1e300}).allFinite());
        assertNotEquals(Mat.outer(new double[] {1}, new double[] {0.0}), Mat.outer(new double[] {1}, new double[] {-0.0}),
                "0.0 and −0.0 differ, as in Arrays.equals");
    }

    @Test
    void indicesAreChecked() {
        Mat outer = Mat.outer(U.clone(), V.clone());
        assertThrows(IndexOutOfBoundsException.class, () -> outer.get(U.length, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> outer.get(0, V.length));
    }
}
