/**
 * One call into each Fairway module from a named module; start with {@link dev.fairway.modulepath.Consumer}.
 */
package dev.fairway.modulepath;
