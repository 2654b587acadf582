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

	/** The current thread is done with its request. */
	void exited();

}
