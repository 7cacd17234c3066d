/** The scalar reference codec: plain Java, runs on any Java 17+ JVM. */
package dev.lilcom.scalar;
