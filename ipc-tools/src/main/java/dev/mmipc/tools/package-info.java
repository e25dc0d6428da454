/**
 * The {@code mmipc} command line: {@code ls}, {@code stat}, {@code inspect}, {@code rm} and {@code gc} over
 * a namespace directory of region files.
 * <p>
 * {@link dev.mmipc.tools.Main} is the entry point; {@link dev.mmipc.tools.KindInspectors} maps each region
 * kind to the inspector that reads its kind-specific state. Exit codes: {@value dev.mmipc.tools.ExitCodes#OK}
 * ok, {@value dev.mmipc.tools.ExitCodes#FAILED} a named thing not found, a removal refused (a region in use)
 * or an operation failed, {@value dev.mmipc.tools.ExitCodes#USAGE} usage error. Errors go to stderr as
 * {@code what: key=value}.
 */
package dev.mmipc.tools;
