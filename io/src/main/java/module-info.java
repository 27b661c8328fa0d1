/**
 * Fairway io: what every Fairway module shares when it reads input that may come from outside a
 * service. {@link dev.fairway.io.JsonLimits} is the one set of limits every JSON reader applies, and
 * {@link dev.fairway.io.InputException} the one exception for input that is wrong at a position.
 */
module dev.fairway.io {
    requires transitive tools.jackson.databind;

    exports dev.fairway.io;
}
