package dev.hotpath.tagging;

/**
 * Tells the sampler which threads serve a request, so that only those get wall-clock
 * samples. Implementations are allocation-free.
 */
public interface RequestThreads {

	/** Does nothing; for applications where the sampler is off. */
	RequestThreads NONE = new RequestThreads() {

		@Override
		public void entered() {
		}

		@Override
		public void exited() {
		}

	};

	/** The current thread starts serving a request. */
	void entered();

	/**
	 * The current thread starts serving a request to the actuator, such as a health check
	 * or a metrics scrape: sampled like any request while it runs, but not taken as a
	 * sign that the application is busy, so that probes every few seconds do not keep
	 * wall-clock sampling of an idle application on. It ends with {@link #exited()}.
	 */
	default void probeEntered() {
		entered();
	}

	/** The current thread is done with its request. */
	void exited();

}
