/**
 * Test data the project makes itself: deterministic generators of realistic data kinds at any
 * size ({@link DataKind}, {@link TestData}), the standard test files every suite shares
 * ({@link TestFiles}), the sizes that straddle buffer and request limits ({@link EdgeSizes}),
 * and the Silesia corpus as an optional extra ({@link SilesiaCorpus}).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.warpdrive.testing.data;
