package dev.lilcom.lhotse;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * {@code lilcom_url}: whole lilcom blobs at {@code storage_path + "/" + storage_key}, fetched over
 * http or https with {@link HttpClient} (lhotse goes through smart_open; other schemes, such as
 * {@code s3://}, are not supported).
 */
final class LilcomUrlStorage implements FeatureStorage {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    private volatile HttpClient client;

    @Override
    public long read(String cutId, Features features, FrameSpan span, PreparedRead read) {
        String url = url(features);
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new FeatureLoadException(cutId, "lilcom_url " + url + " is not a valid URL: " + e.getMessage(), e);
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw new FeatureLoadException(cutId, "lilcom_url " + url + ": only http and https URLs are supported", null);
        }
        HttpResponse<byte[]> response;
        try {
            response = client().send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new FeatureLoadException(cutId, "fetching lilcom_url " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FeatureLoadException(cutId, "interrupted while fetching lilcom_url " + url, e);
        }
        if (response.statusCode() != 200) {
            throw new FeatureLoadException(cutId, "lilcom_url " + url + " answered HTTP " + response.statusCode(), null);
        }
        String label = "lilcom_url " + url;
        read.setLabel(label, -1);
        byte[] body = response.body();
        MemoryStorage.addBytes(cutId, body, true, label, read);
        return 0;
    }

    /** lhotse's {@code FileIO}: the root without a trailing slash, then the key without a leading one. */
    static String url(Features features) {
        String root = features.location();
        if (root.endsWith("/")) {
            root = root.substring(0, root.length() - 1);
        }
        String key = features.storageKey();
        if (key.startsWith("/") && !root.isEmpty()) {
            key = key.substring(1);
        }
        return root + "/" + key;
    }

    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    c = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL)
                            .build();
                    client = c;
                }
            }
        }
        return c;
    }
}
