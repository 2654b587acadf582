package dev.hotpath.export.push;

import java.util.List;

import dev.hotpath.export.ExportedProfile;

/**
 * Where profiles are pushed to, and in which format.
 */
public interface PushBackend {

	/**
	 * The backend's name in statuses and logs.
	 * @return the name, {@code pyroscope} or {@code otlp} for the built-in ones
	 */
	String name();

	/**
	 * The requests that deliver one profile. A profile is delivered once every request
	 * was accepted. Called on the push thread, never on an application thread.
	 * @param profile the profile of one push period
	 * @return the requests, none when the profile has nothing to send
	 */
	List<PushRequest> requests(ExportedProfile profile);

}
