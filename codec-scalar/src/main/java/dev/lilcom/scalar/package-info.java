/**
 * Internal, not API. The scalar reference codec: plain Java, runs on any Java 17+ JVM. Reach it
 * through {@code dev.lilcom.LilcomCodec.scalar()} or {@code Lilcom.codec("scalar")}; the classes
 * here may change in any release, and the published Javadoc leaves them out.
 */
package dev.lilcom.scalar;
