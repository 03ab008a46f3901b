package mailwarden

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
	"testing"
)

const endpointTopic = "arn:aws:sns:us-east-2:295079676684:publish-and-verify-62674b1d-4295-426b-88e7-5fb75652a04e"

func handle(t *testing.T, e *FeedbackEndpoint, body []byte) FeedbackOutcome {
	t.Helper()
	out, err := e.Handle(body)
	if err != nil {
		t.Fatalf("Handle: %v", err)
	}
	return out
}

func TestFeedbackEndpointAnswers(t *testing.T) {
	body := testData(t, "sns", "notification-sigv2.json")
	pem := string(testData(t, "sns", "signing-cert.pem"))
	tr := openTracker(t, TrackerPolicy{})

	// Tests fetch nothing: a certificate not supplied is ours to retry.
	e, err := NewFeedbackEndpoint(tr, EndpointConfig{NoCertificateFetch: true})
	if err != nil {
		t.Fatal(err)
	}
	if out := handle(t, e, body); out.HTTPStatus != 503 || !errors.Is(out.Err, ErrNotFound) || out.Envelope != nil {
		t.Errorf("no certificate: %+v", out)
	}
	e.Close()

	e, err = NewFeedbackEndpoint(tr, EndpointConfig{NoCertificateFetch: true, SNS: SNSConfig{
		TopicARNs: []string{endpointTopic}, Certificates: map[string]string{certURL: pem}}})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	out := handle(t, e, body)
	if out.HTTPStatus != 200 || out.Err != nil || out.Envelope == nil || out.Envelope.TopicARN != endpointTopic ||
		out.Report == nil || out.Report.Events != 1 || out.Report.HardBounces != 0 {
		t.Errorf("signed: %+v", out)
	}
	forged := handle(t, e, bytes.Replace(body, []byte("Hello world"), []byte("Jello world"), 1))
	var rejection *SNSRejectionError
	if forged.HTTPStatus != 403 || !errors.As(forged.Err, &rejection) || rejection.Rejection != "bad_signature" ||
		!errors.Is(forged.Err, ErrAuth) {
		t.Errorf("forged: %+v", forged)
	}
	if unsigned := handle(t, e, sesBounce("m-1", "gone@iana.org", true, "f-1")); unsigned.HTTPStatus != 400 ||
		!errors.As(unsigned.Err, &rejection) || rejection.Rejection != "not_an_envelope" {
		t.Errorf("unsigned: %+v", unsigned)
	}

	raw, err := NewFeedbackEndpoint(tr, EndpointConfig{NoCertificateFetch: true, Account: "acme",
		SNS: SNSConfig{TrustedRaw: true}})
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	taken := handle(t, raw, sesBounce("m-1", "gone@iana.org", true, "f-1"))
	if taken.HTTPStatus != 200 || taken.Envelope.Type != "raw" || taken.Report.HardBounces != 1 ||
		len(taken.Report.Suppressed) != 1 || taken.Report.Suppressed[0].Account != "acme" {
		t.Errorf("raw: %+v", taken)
	}
	if again := handle(t, raw, sesBounce("m-1", "gone@iana.org", true, "f-1")); again.Report.Duplicates != 1 {
		t.Errorf("again: %+v", again.Report)
	}
	if st, err := tr.Stats("acme"); err != nil || st.TotalHardBounces != 1 {
		t.Errorf("stats: %+v %v", st, err)
	}
}

func TestFeedbackEndpointArgumentsAndLifetime(t *testing.T) {
	tr, err := OpenTracker(t.TempDir()+"/t.db", TrackerPolicy{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := NewFeedbackEndpoint(tr, EndpointConfig{AutoConfirm: true}); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("auto-confirm without topics: %v", err)
	}
	e, err := NewFeedbackEndpoint(tr, EndpointConfig{NoCertificateFetch: true, SNS: SNSConfig{TrustedRaw: true}})
	if err != nil {
		t.Fatal(err)
	}
	tr.Close() // the endpoint keeps the tracker open
	if out := handle(t, e, sesBounce("m-2", "x@iana.org", true, "f-2")); out.HTTPStatus != 200 {
		t.Errorf("after the tracker closed: %+v", out)
	}
	if _, err := NewFeedbackEndpoint(tr, EndpointConfig{}); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("closed tracker: %v", err)
	}
	e.Close()
	e.Close()
	if _, err := e.Handle([]byte("{}")); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("closed endpoint: %v", err)
	}
}

// The endpoint as a net/http handler on loopback, posted to from several
// goroutines.
func TestFeedbackEndpointBehindNetHTTP(t *testing.T) {
	tr := openTracker(t, TrackerPolicy{})
	e, err := NewFeedbackEndpoint(tr, EndpointConfig{NoCertificateFetch: true, Account: "web",
		SNS: SNSConfig{TrustedRaw: true}})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	route := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		out, err := e.Handle(body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(out.HTTPStatus)
		io.WriteString(w, out.Message)
	})
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	server := &http.Server{Handler: route}
	go server.Serve(listener)
	defer server.Close()
	url := "http://" + listener.Addr().String() + "/sns"

	var wg sync.WaitGroup
	statuses := make(chan int, 40)
	for n := 0; n < 4; n++ {
		wg.Add(1)
		go func(n int) {
			defer wg.Done()
			for i := 0; i < 10; i++ {
				doc := sesBounce(fmt.Sprintf("w%d-m%d", n, i), fmt.Sprintf("w%d-r%d@iana.org", n, i), true,
					fmt.Sprintf("w%d-f%d", n, i))
				resp, err := http.Post(url, "text/plain", bytes.NewReader(doc))
				if err != nil {
					statuses <- -1
					continue
				}
				resp.Body.Close()
				statuses <- resp.StatusCode
			}
		}(n)
	}
	wg.Wait()
	close(statuses)
	for s := range statuses {
		if s != 200 {
			t.Errorf("status %d", s)
		}
	}
	if st, err := tr.Stats("web"); err != nil || st.TotalHardBounces != 40 {
		t.Errorf("stats: %+v %v", st, err)
	}
}
