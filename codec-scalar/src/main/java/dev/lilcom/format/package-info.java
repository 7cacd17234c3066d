/**
 * Internal, not API. The lilcom "L0" bit stream: the adaptive-width coder that turns a sequence
 * of signed 32-bit integers into bytes and back (see {@code lilcom-format.md}, sections 2 and 3).
 * It is serial by nature and shared by every codec; the codecs differ only in the numeric kernels.
 *
 * <p>The classes are public only so that the codec modules can reach them; they may change in any
 * release, and the published Javadoc leaves them out.
 */
package dev.lilcom.format;
