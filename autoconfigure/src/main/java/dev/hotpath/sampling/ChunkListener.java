package dev.hotpath.sampling;

/**
 * Receives each closed chunk, on the sampler's own thread. The file is deleted once every
 * listener has returned, so a listener reads it before returning. A listener that throws
 * is logged and skipped; the sampler keeps going.
 */
@FunctionalInterface
public interface ChunkListener {

	/**
	 * Reads a closed chunk.
	 * @param chunk the chunk
	 * @throws Exception if the chunk cannot be read
	 */
	void chunkClosed(Chunk chunk) throws Exception;

}
