package dev.fairway.cli.privacy;

import dev.fairway.cli.Fairway;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;

/** Runs the real entry point (package-private in dev.fairway.cli) with captured writers. */
final class Cli {
    record Result(int code, String out, String err) {
    }

    private Cli() {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try {
            Method m = Fairway.class.getDeclaredMethod("run", PrintWriter.class, PrintWriter.class, String[].class);
            m.setAccessible(true);
            int code = (Integer) m.invoke(null, new PrintWriter(out), new PrintWriter(err), args);
            return new Result(code, out.toString(), err.toString());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
