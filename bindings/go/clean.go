package mailwarden

// #include <mailwarden.h>
import "C"

import (
	"context"
	"fmt"
	"io"
	"sync"
)

// cleanRuns maps the key of each running [Clean] to its *cleanRun; the
// library passes the key back to the verdict and progress callbacks.
var cleanRuns sync.Map

// cleanRun is one [Clean]. Its fields are used by the feeding goroutine
// only (the callbacks run on it), until done is closed.
type cleanRun struct {
	ctx      context.Context
	out      chan CleanVerdict
	progress func(CleanStats)
	dropped  bool // a verdict was not sent: the context was done
	stats    CleanStats
	err      error
	done     chan struct{}
}

// deliver sends one verdict, or drops it once the context is done: it
// never blocks a library call on a consumer that has gone.
func (run *cleanRun) deliver(v *C.mw_clean_verdict) {
	if run.dropped || run.ctx.Err() != nil {
		run.dropped = true
		return
	}
	select {
	case run.out <- cleanVerdictFromC(v):
	case <-run.ctx.Done():
		run.dropped = true
	}
}

// report calls Progress (guarded).
func (run *cleanRun) report(s *C.mw_clean_stats) {
	if run.dropped || run.ctx.Err() != nil {
		return
	}
	stats := cleanStatsFromC(s)
	guarded(func() { run.progress(stats) }, "a CleanOptions.Progress callback (%d rows)", stats.Rows)
}

// Clean checks a list of addresses (a CSV file, or one address a line)
// read from r, and sends each row's verdict on the returned channel, in
// input order, while the input streams in: a goroutine reads r in chunks
// and hands them to the library, which looks each distinct domain up once,
// concurrently, and keeps memory bounded by the distinct domains rather
// than the rows.
//
// The channel is closed when the run has ended. wait then returns the
// final counts and nil, or the counts so far and the error that ended the
// run: the options' (matching ErrInvalidArgument for a bad delimiter or a
// closed resolver, tracker or policy), the library's while reading (an
// ErrInvalidArgument naming a Column that is not in the header, before any
// verdict), r's (wrapped), or, when ctx was done before the last verdict
// was sent, one matching both ErrCancelled and ctx.Err().
//
// Receive from the channel until it is closed, or cancel ctx: the channel
// holds a few verdicts, and beyond them the feeding goroutine waits, inside
// the library's call, for them to be received. On cancellation it stops
// reading, drops the verdicts still to come, frees the library's cleaner
// (which waits for lookups under way) and closes the channel; no goroutine
// is left behind, except that a Read already blocked in r is not
// interrupted (close r to end it). wait may be called from any goroutine,
// any number of times, and blocks until the channel is closed.
func Clean(ctx context.Context, r io.Reader, opts CleanOptions) (<-chan CleanVerdict, func() (CleanStats, error)) {
	run := &cleanRun{ctx: ctx, out: make(chan CleanVerdict, 64), progress: opts.Progress, done: make(chan struct{})}
	wait := func() (CleanStats, error) {
		<-run.done
		return run.stats, run.err
	}
	key := lastKey.Add(1)
	var cleaner *C.mw_cleaner
	err := error(newError(StatusInvalidArgument, "the reader must not be nil"))
	if r != nil {
		cleaner, err = newCleaner(opts, key)
	}
	if err == nil && ctx.Err() != nil {
		C.mw_cleaner_free(cleaner)
		err = run.cancelled()
	}
	if err != nil {
		run.err = err
		close(run.out)
		close(run.done)
		return run.out, wait
	}
	cleanRuns.Store(key, run)
	go func() {
		defer close(run.done)
		defer close(run.out)
		defer cleanRuns.Delete(key)
		run.stats, run.err = run.feed(cleaner, r, opts.ChunkSize)
	}()
	return run.out, wait
}

// feed reads r into the cleaner until the input ends, an error or the
// context stops it, then frees the cleaner. The callbacks run on this
// goroutine, inside the feed and finish calls.
func (run *cleanRun) feed(cleaner *C.mw_cleaner, r io.Reader, chunkSize int) (CleanStats, error) {
	defer C.mw_cleaner_free(cleaner)
	if chunkSize == 0 {
		chunkSize = 64 << 10
	}
	// Chunks are read on a goroutine of their own, so that a cancellation
	// is seen while a Read blocks; two buffers take turns. stop ends the
	// reader however feed returns.
	chunks, free := make(chan []byte), make(chan []byte, 2)
	free <- make([]byte, chunkSize)
	free <- make([]byte, chunkSize)
	readErr := make(chan error, 1)
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		for {
			var buf []byte
			select {
			case buf = <-free:
			case <-stop:
				return
			}
			n, err := r.Read(buf)
			if n > 0 {
				select {
				case chunks <- buf[:n]:
				case <-stop:
					return
				}
			} else {
				free <- buf
			}
			if err != nil {
				readErr <- err
				close(chunks)
				return
			}
		}
	}()
	for {
		select {
		case <-run.ctx.Done():
			return run.statsSoFar(cleaner), run.cancelled()
		case chunk, ok := <-chunks:
			if !ok {
				if err := <-readErr; err != io.EOF {
					return run.statsSoFar(cleaner), fmt.Errorf("mailwarden: reading the list: %w", err)
				}
				stats, err := ownedCleanStats.take(func(out **C.mw_clean_stats, e **C.mw_error) C.int {
					return C.mw_cleaner_finish(out, cleaner, e)
				})
				if err != nil {
					return run.statsSoFar(cleaner), err
				}
				if run.dropped {
					return stats, run.cancelled()
				}
				return stats, nil
			}
			err := cCall(func(e **C.mw_error) C.int {
				return C.mw_cleaner_feed(cleaner, bytesData(chunk), C.size_t(len(chunk)), e)
			})
			free <- chunk[:cap(chunk)]
			if err != nil {
				return run.statsSoFar(cleaner), err
			}
			if run.dropped {
				return run.statsSoFar(cleaner), run.cancelled()
			}
		}
	}
}

// statsSoFar are the counts so far; zero if the library cannot give them.
func (run *cleanRun) statsSoFar(cleaner *C.mw_cleaner) CleanStats {
	stats, _ := ownedCleanStats.take(func(out **C.mw_clean_stats, e **C.mw_error) C.int {
		return C.mw_cleaner_stats(out, cleaner, e)
	})
	return stats
}

// cancelled is the error of a run the context stopped: it matches
// ErrCancelled and the context's error.
func (run *cleanRun) cancelled() error {
	return fmt.Errorf("%w: %w", newError(StatusCancelled, "cleaning stopped before the last verdict"), run.ctx.Err())
}
