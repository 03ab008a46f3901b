package mailwarden

// #include <stdlib.h>
// #include <mailwarden.h>
import "C"

import (
	"strconv"
	"unsafe"
)

// CheckAddress checks one address against policy; a nil policy means the
// library defaults (see [PolicyConfig]).
//
// An address that fails the check is not an error: the result then has
// Valid false and a [Reason]. The error is non-nil only for misuse, such as
// a closed policy (matching [ErrInvalidArgument]), or when the library runs
// out of memory. The whole string is checked, including any NUL byte in it.
// CheckAddress is safe to call from several goroutines at once.
func CheckAddress(addr string, policy *AddressPolicy) (AddressResult, error) {
	var out AddressResult
	err := policy.use(func(opts *C.mw_address_options) error {
		var res *C.mw_address_result
		var cerr *C.mw_error
		// The library only reads the bytes during the call and does not keep
		// the pointer, so the Go string is passed without a copy.
		status := C.mw_address_check(&res, stringData(addr), C.size_t(len(addr)), opts, &cerr)
		if err := errorFromC(status, cerr); err != nil {
			return err
		}
		defer C.mw_address_result_free(res)
		var err error
		out, err = resultFromC(res, addr)
		return err
	})
	return out, err
}

// CheckAddresses checks many addresses in one library call and returns one
// result per address, in the same order. Every address is passed with its
// length, so NUL bytes inside an address are checked rather than cutting it
// short. A nil policy means the library defaults.
//
// As with [CheckAddress], invalid addresses are results, not errors; the
// error is non-nil only for misuse (for example a closed policy) or when the
// library runs out of memory, and then no results are returned.
func CheckAddresses(addrs []string, policy *AddressPolicy) ([]AddressResult, error) {
	var out []AddressResult
	err := policy.use(func(opts *C.mw_address_options) error {
		if len(addrs) == 0 {
			out = []AddressResult{}
			return nil
		}
		b, err := checkBatch(addrs, opts)
		if err != nil {
			return err
		}
		defer b.free()
		if n := b.count(); n != len(addrs) {
			return newError(StatusInternal, "batch returned a different number of results than addresses")
		}
		results := make([]AddressResult, len(addrs))
		for i := range addrs {
			if results[i], err = b.result(i); err != nil {
				return err
			}
		}
		out = results
		return nil
	})
	return out, err
}

// addressBatch owns an mw_address_batch together with the Go inputs that
// produced it.
type addressBatch struct {
	ptr    *C.mw_address_batch
	inputs []string
}

// checkBatch runs mw_address_check_batch on addrs. The addresses are copied
// into one C buffer, because C memory may not hold pointers to Go memory;
// the explicit lengths keep NUL bytes inside an address. The caller must
// call free on the returned batch.
func checkBatch(addrs []string, opts *C.mw_address_options) (*addressBatch, error) {
	count := len(addrs)
	total := 0
	for _, a := range addrs {
		total += len(a)
	}
	// One extra byte so that malloc never gets 0 and no pointer is NULL.
	data := C.malloc(C.size_t(total + 1))
	defer C.free(data)
	var ptrs unsafe.Pointer
	if count > 0 {
		ptrs = C.malloc(C.size_t(count) * C.size_t(unsafe.Sizeof((*C.char)(nil))))
		defer C.free(ptrs)
	}
	buf := unsafe.Slice((*byte)(data), total+1)
	ptrSlice := unsafe.Slice((**C.char)(ptrs), count)
	lens := make([]C.size_t, count)
	off := 0
	for i, a := range addrs {
		copy(buf[off:], a)
		ptrSlice[i] = (*C.char)(unsafe.Add(data, off))
		lens[i] = C.size_t(len(a))
		off += len(a)
	}
	var lensPtr *C.size_t
	if count > 0 {
		lensPtr = &lens[0]
	}
	var batch *C.mw_address_batch
	var cerr *C.mw_error
	status := C.mw_address_check_batch(&batch, (**C.char)(ptrs), lensPtr, C.size_t(count), opts, &cerr)
	if err := errorFromC(status, cerr); err != nil {
		return nil, err
	}
	return &addressBatch{ptr: batch, inputs: addrs}, nil
}

// count returns the number of results in the batch.
func (b *addressBatch) count() int {
	return int(C.mw_address_batch_count(b.ptr))
}

// result copies the index-th result of the batch; an index out of range
// yields an error matching ErrRange.
func (b *addressBatch) result(index int) (AddressResult, error) {
	var res *C.mw_address_result
	if index >= 0 && index < len(b.inputs) {
		// Borrowed from the batch, which stays alive until free; NULL past
		// the end.
		res = C.mw_address_batch_get(b.ptr, C.size_t(index))
	}
	if res == nil {
		return AddressResult{}, newError(StatusRange, "batch index "+strconv.Itoa(index)+" is out of range")
	}
	return resultFromC(res, b.inputs[index])
}

// free releases the batch and every result borrowed from it. It is safe to
// call more than once.
func (b *addressBatch) free() {
	C.mw_address_batch_free(b.ptr)
	b.ptr = nil
}

// stringData returns a pointer to the bytes of s for a C call that reads
// len(s) bytes, or nil for an empty string (the library accepts NULL with
// length 0).
func stringData(s string) *C.char {
	if len(s) == 0 {
		return nil
	}
	return (*C.char)(unsafe.Pointer(unsafe.StringData(s)))
}
