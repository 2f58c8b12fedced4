package netstep.store;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DATABASE_URL as PaaS add-ons give it, turned into what the PostgreSQL JDBC driver takes. */
class DatabaseUrlTest {

    @Test
    void userPasswordHostPortAndDatabaseAreSeparated() {
        Database.Jdbc jdbc = Database.Jdbc.fromDatabaseUrl("postgres://u1:s%40cret@db.example.com:6543/course");
        assertEquals("jdbc:postgresql://db.example.com:6543/course", jdbc.url());
        assertEquals("u1", jdbc.user());
        assertEquals("s@cret", jdbc.password(), "percent-escapes in the password are decoded");
    }

    @Test
    void thePortDefaultsAndTheQueryIsKept() {
        Database.Jdbc jdbc = Database.Jdbc.fromDatabaseUrl("postgresql://u:p@host/db?sslmode=require");
        assertEquals("jdbc:postgresql://host:5432/db?sslmode=require", jdbc.url());
    }

    @Test
    void somethingElseIsRefusedWithTheExpectedForm() {
        for (String bad : new String[]{"mysql://u:p@h/db", "postgres://u:p@h", "postgres://u:p@h/", "not a url"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Database.Jdbc.fromDatabaseUrl(bad), bad);
            assertTrue(e.getMessage().contains("DATABASE_URL"), e.getMessage());
        }
    }
}
