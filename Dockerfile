# mwctl in a container, on Debian 12: one stage builds the Debian packages
# from this source tree, a slim one installs the library's and mwctl's.
#   docker build -t mailwarden .
#   docker run --rm mailwarden address check user@iana.org
FROM debian:12 AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      g++ cmake ninja-build pkg-config dpkg-dev file \
      libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev \
      libssl-dev libc-ares-dev libidn2-dev libpsl-dev libsqlite3-dev libgumbo-dev libpq-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cmake -S . -B /build -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DMW_BUILD_TESTS=OFF -DMW_BUILD_BENCH=OFF -DMW_BUILD_EXAMPLES=ON \
 && cmake --build /build \
 && cpack --config /build/CPackConfig.cmake -B /debs \
 && rm -rf /debs/_CPack_Packages

FROM debian:12-slim
# apt resolves the packages' dependencies (Boost.JSON and .URL, OpenSSL,
# c-ares, libidn2, libpsl, SQLite); the CA certificates let it verify SES.
COPY --from=build /debs/ /tmp/debs/
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      ca-certificates /tmp/debs/libmailwarden0*.deb /tmp/debs/mailwarden-tools_*.deb \
 && rm -rf /tmp/debs /var/lib/apt/lists/* \
 && useradd --system --create-home mailwarden \
 && install -d -o mailwarden -g mailwarden /var/lib/mailwarden
# The sender store and outbox: mount a volume here to keep them across runs.
ENV MAILWARDEN_HOME=/var/lib/mailwarden
VOLUME /var/lib/mailwarden
USER mailwarden
ENTRYPOINT ["mwctl"]
CMD ["--help"]
