package dev.fairway.consent.jdbc;


/**
 * A second JVM for {@link ManyInstancesTest}: appends {@code count} events for subject {@code writer-<tag>}, the
 * i-th with notice version {@code n<i>}, through its own store, then prints {@code done} and exits 0.
 * Arguments: url schema tag count.
 */
final class AppendChild {
    private AppendChild() {
    }

    public static void main(String[] args) {
        String url = args[0];
        String schema = args[1];
        String tag = args[2];
        int count = Integer.parseInt(args[3]);
        try (JdbcConsentStore store = JdbcConsentStore.builder(url).schema(schema).build()) {
            for (int i = 0; i < count; i++) {
                store.append(ManyInstancesTest.numbered("writer-" + tag, i));
            }
        }
        System.out.println("done");
    }
}
