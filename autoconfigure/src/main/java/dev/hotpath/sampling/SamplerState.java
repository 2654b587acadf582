package dev.hotpath.sampling;

/**
 * Whether the sampler is taking samples.
 */
public enum SamplerState {

	/** Samples are being taken. */
	RUNNING,

	/** The sampler could not start; the status message says why. */
	UNAVAILABLE,

	/** The sampler is not running because nothing uses it. */
	STOPPED

}
