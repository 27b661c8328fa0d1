/**
 * The consent vocabulary and the feature catalogue: purposes, lawful bases, data categories, and
 * the model features with the purposes they need and what happens when they are denied.
 *
 * <p>Start from {@link dev.fairway.consent.FeatureCatalogue} (its JSON form, or
 * {@link dev.fairway.consent.FeatureCatalogue#of(java.util.List)} over features made with
 * {@link dev.fairway.consent.Feature#builder(String)}) over a {@link dev.fairway.consent.Vocabulary};
 * new purposes are built with {@link dev.fairway.consent.Purpose#builder(String)}.
 * {@link dev.fairway.consent.FilterReason} names why a purpose or feature is kept or withheld.
 * Everything here fails closed: missing, expired, withdrawn or invalid consent grants nothing.
 */
package dev.fairway.consent;
