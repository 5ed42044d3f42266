using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Workspace.Server.FunctionalTests.Infrastructure;

/// <summary>Talks to the API the way the browser client does: cookies, and the CSRF header on unsafe requests.</summary>
public sealed class ApiClient : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    private readonly CookieContainer _cookies = new();
    private readonly HttpClient _http;

    public ApiClient(Uri baseAddress)
    {
        BaseAddress = baseAddress;
        _http = new HttpClient(new HttpClientHandler { CookieContainer = _cookies, AllowAutoRedirect = false }) { BaseAddress = baseAddress };
    }

    public Uri BaseAddress { get; }

    public string? Language { get; set; }

    public bool SendCsrfToken { get; set; } = true;

    /// <summary>Sends this value as the CSRF header instead of the cookie's (to test forged tokens).</summary>
    public string? CsrfTokenOverride { get; set; }

    public Task<HttpResponseMessage> Get(string path) => Send(HttpMethod.Get, path);

    public Task<HttpResponseMessage> Post(string path, object? body = null) => Send(HttpMethod.Post, path, body);

    public Task<HttpResponseMessage> Put(string path, object? body = null) => Send(HttpMethod.Put, path, body);

    public Task<HttpResponseMessage> Delete(string path) => Send(HttpMethod.Delete, path);

    public async Task<HttpResponseMessage> Send(HttpMethod method, string path, object? body = null, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (content is not null)
        {
            request.Content = content;
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }

        if (Language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(Language);
        }

        if (SendCsrfToken && method != HttpMethod.Get && method != HttpMethod.Head)
        {
            request.Headers.Add("X-XSRF-TOKEN", CsrfTokenOverride ?? await CsrfToken());
        }

        return await _http.SendAsync(request);
    }

    /// <summary>Sends and insists on a success status, returning the JSON body.</summary>
    public async Task<JsonNode?> Ok(HttpMethod method, string path, object? body = null)
    {
        using var response = await Send(method, path, body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{method} {path} → {(int)response.StatusCode}: {text}");
        }

        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    /// <summary>Signs in like the client does: fetch the session (fresh CSRF token) first.</summary>
    public async Task SignIn(string email, string password = Personas.Password)
    {
        using (await Get("/api/session"))
        {
        }

        await Ok(HttpMethod.Post, "/api/auth/sign-in", new { email, password });
    }

    /// <summary>The cookies of this signed-in browser, for a live (SignalR) connection as the same person.</summary>
    public CookieContainer Cookies => _cookies;

    public string? Cookie(string name) => _cookies.GetCookies(BaseAddress)[name]?.Value;

    private async Task<string> CsrfToken()
    {
        if (Cookie("XSRF-TOKEN") is not { } token)
        {
            using var _ = await _http.GetAsync("/api/session");
            token = Cookie("XSRF-TOKEN") ?? throw new InvalidOperationException("The server handed out no XSRF-TOKEN cookie.");
        }

        return token;
    }

    public void Dispose() => _http.Dispose();
}
