/**
 * The wire protocol of the master service's control socket, version {@value
 * com.example.vshutdown.control.wire.Frames#VERSION}: how the {@code vshutdown} command line has one
 * Gogo command line run inside the service. Plain Java, no OSGi: the thin client carries it.
 *
 * <h2>Connection</h2>
 * A client opens a stream connection to the Unix domain socket (default
 * {@value com.example.vshutdown.control.wire.Frames#DEFAULT_SOCKET}); one connection runs one line,
 * in a Gogo session of its own. Each side first sends the 4-byte preface {@code 'V' 'S' 'D'
 * <version>}, then frames.
 *
 * <h2>Frames</h2>
 * A frame is a 1-byte type, a 4-byte big-endian payload length (0 to
 * {@value com.example.vshutdown.control.wire.Frames#MAX_PAYLOAD}) and the payload. The frame format
 * is the same in every version.
 * <table>
 * <caption>Frame types</caption>
 * <tr><th>type</th><th>from</th><th>payload</th><th>meaning</th></tr>
 * <tr><td>{@code L}</td><td>client</td><td>UTF-8 text</td><td>the command line: exactly one, the first
 * frame</td></tr>
 * <tr><td>{@code C}</td><td>client</td><td>empty</td><td>Ctrl-C: the first cancels what the line's
 * commands registered, the second abandons the line (exit status 130)</td></tr>
 * <tr><td>{@code O}</td><td>service</td><td>bytes (UTF-8 text)</td><td>the line's standard output, in
 * order, as it is written</td></tr>
 * <tr><td>{@code E}</td><td>service</td><td>bytes (UTF-8 text)</td><td>its standard error: the one
 * error line of a failed line</td></tr>
 * <tr><td>{@code X}</td><td>service</td><td>4-byte big-endian int</td><td>the exit status (DESIGN.md's
 * table); the last frame: the service closes the connection after it</td></tr>
 * </table>
 * The line reads an empty standard input: nothing is sent for it, so a client in the background
 * never reads its terminal. A client that closes the connection before {@code X} hangs up: the
 * service treats that as one Ctrl-C. A service that does not speak the client's version answers
 * with its own preface, one {@code E} line saying so, and {@code X} 4.
 */
package com.example.vshutdown.control.wire;
