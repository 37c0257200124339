using System.Net;
using System.Text.Json.Nodes;
using GlueTeams.Teams.Activities;
using GlueTeams.Teams.Auth;
using GlueTeams.Teams.Connector;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GlueTeams.Teams.Tests.Connector;

[TestClass]
public sealed class ConnectorClientTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 20, 14, 0, 0, TimeSpan.Zero));
    private readonly CountingTokenSource _tokens = new("app-token");

    private sealed record Recorded(HttpMethod Method, Uri Uri, string? Authorization, string Body, DateTimeOffset At);

    /// <summary>Answers with the given responses in turn (the last one repeats) and records every request.</summary>
    private sealed class RecordingHandler(TimeProvider time, params Func<HttpResponseMessage>[] responses) : HttpMessageHandler
    {
        public List<Recorded> Requests { get; } = [];
        /// <summary>Never answers (until the caller gives up).</summary>
        public bool Hang { get; init; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            lock (Requests)
            {
                Requests.Add(new(request.Method, request.RequestUri!, request.Headers.Authorization?.ToString(), body, time.GetUtcNow()));
            }
            if (Hang)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            return responses[Math.Min(Requests.Count, responses.Length) - 1]();
        }
    }

    private sealed class CountingTokenSource(string? token) : IConnectorTokenSource
    {
        public int Calls { get; private set; }

        public Task<string?> GetTokenAsync(CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromResult(token);
        }
    }

    private static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };

    private static HttpResponseMessage Status(HttpStatusCode status, TimeSpan? retryAfter = null)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent("{\"error\":{\"code\":\"x\"}}") };
        if (retryAfter is { } delay)
        {
            response.Headers.RetryAfter = new(delay);
        }
        return response;
    }

    private ConnectorClient Client(HttpMessageHandler handler, IConnectorTokenSource? tokens = null) =>
        new(new HttpClient(handler), tokens ?? _tokens, new ServiceUrlAllowList(ServiceUrlAllowList.DefaultHosts), _time, NullLogger<ConnectorClient>.Instance);

    private static readonly Uri ServiceUrl = new(Samples.ServiceUrl);

    [TestMethod]
    public async Task A_forged_service_url_gets_no_request_and_no_token_is_acquired()
    {
        var handler = new RecordingHandler(_time, () => Json("{\"id\":\"1\"}"));
        var client = Client(handler);

        var send = await client.SendAsync(Samples.TenantId, new Uri("https://attacker.example/amer/"), "a:chat", Activity.Message("hi"), CancellationToken.None);
        var create = await client.CreateConversationAsync(new Uri("https://smba.trafficmanager.net.attacker.example/"),
            CreateConversationRequest.Personal("28:bot", "29:user", Samples.TenantId), CancellationToken.None);

        Assert.AreEqual(ConnectorFailure.ServiceUrlNotAllowed, send.Failure);
        Assert.AreEqual(ConnectorFailure.ServiceUrlNotAllowed, create.Failure);
        Assert.IsEmpty(handler.Requests);
        Assert.AreEqual(0, _tokens.Calls);
    }

    [TestMethod]
    public async Task Send_posts_the_activity_to_the_conversation_with_the_app_token()
    {
        var handler = new RecordingHandler(_time, () => Json("{\"id\":\"1700000000001\"}"));

        var result = await Client(handler).SendAsync(Samples.TenantId, ServiceUrl, "a:chat;messageid=1", Activity.Message("hello"), CancellationToken.None);

        Assert.AreEqual("1700000000001", result.Value?.Id);
        var request = handler.Requests.Single();
        Assert.AreEqual(HttpMethod.Post, request.Method);
        Assert.AreEqual("https://smba.trafficmanager.net/amer/v3/conversations/a%3Achat%3Bmessageid%3D1/activities", request.Uri.AbsoluteUri);
        Assert.AreEqual("Bearer app-token", request.Authorization);
        var body = JsonNode.Parse(request.Body)!;
        Assert.AreEqual("message", (string?)body["type"]);
        Assert.AreEqual("hello", (string?)body["text"]);
    }

    [TestMethod]
    public async Task Reply_and_update_address_the_activity()
    {
        var handler = new RecordingHandler(_time, () => Json("{\"id\":\"2\"}"), () => Json(""));
        var client = Client(handler);

        var reply = await client.ReplyAsync(Samples.TenantId, ServiceUrl, "a:chat", "1:1", Activity.Message("re"), CancellationToken.None);
        var update = await client.UpdateAsync(Samples.TenantId, ServiceUrl, "a:chat", "1:1", Activity.Message("new"), CancellationToken.None);

        Assert.IsTrue(reply.IsOk && update.IsOk);
        Assert.AreEqual(HttpMethod.Post, handler.Requests[0].Method);
        Assert.AreEqual("https://smba.trafficmanager.net/amer/v3/conversations/a%3Achat/activities/1%3A1", handler.Requests[0].Uri.AbsoluteUri);
        Assert.AreEqual("1:1", (string?)JsonNode.Parse(handler.Requests[0].Body)!["replyToId"]);
        Assert.AreEqual(HttpMethod.Put, handler.Requests[1].Method);
        Assert.AreEqual(handler.Requests[0].Uri, handler.Requests[1].Uri);
        Assert.AreEqual("1:1", (string?)JsonNode.Parse(handler.Requests[1].Body)!["id"]);
    }

    [TestMethod]
    public async Task Creating_a_personal_conversation_sends_the_user_the_tenant_and_the_bot()
    {
        var handler = new RecordingHandler(_time, () => Json("{\"id\":\"a:new-chat\"}"));

        var result = await Client(handler).CreateConversationAsync(
            new Uri("https://smba.trafficmanager.net/emea"), CreateConversationRequest.Personal("28:bot", "29:user", Samples.TenantId), CancellationToken.None);

        Assert.AreEqual("a:new-chat", result.Value?.Id);
        var request = handler.Requests.Single();
        Assert.AreEqual("https://smba.trafficmanager.net/emea/v3/conversations", request.Uri.AbsoluteUri);
        var body = JsonNode.Parse(request.Body)!;
        Assert.AreEqual("29:user", (string?)body["members"]![0]!["id"]);
        Assert.AreEqual(Samples.TenantId, (string?)body["tenantId"]);
        Assert.AreEqual(Samples.TenantId, (string?)body["channelData"]!["tenant"]!["id"]);
        Assert.IsFalse((bool)body["isGroup"]!);
        Assert.AreEqual("28:bot", (string?)body["bot"]!["id"]);
    }

    /// <summary>
    /// The client as the app builds it: the typed HttpClient with its resilience pipeline and send rate limiter, in front
    /// of <paramref name="handler"/>; <paramref name="limiter"/> is the instance's limiter, when the test looks at it.
    /// </summary>
    private static ConnectorClient ResilientClient(HttpMessageHandler handler, IConnectorTokenSource tokens, TimeSpan? attemptTimeout = null, SendRateLimiter? limiter = null)
    {
        var services = new ServiceCollection()
            .AddSingleton(tokens)
            .AddSingleton(new ServiceUrlAllowList(ServiceUrlAllowList.DefaultHosts))
            .AddSingleton(TimeProvider.System)
            .AddLogging();
        if (limiter is not null)
        {
            services.AddSingleton(limiter);
        }
        services.AddConnectorClient(attemptTimeout ?? TimeSpan.FromSeconds(10)).ConfigurePrimaryHttpMessageHandler(() => handler);
        return services.BuildServiceProvider().GetRequiredService<ConnectorClient>();
    }

    [TestMethod]
    public async Task Every_try_on_the_wire_takes_a_send_slot_so_a_retried_429_waits_for_the_tenant_pace_like_a_first_try()
    {
        // One of 50 instances: this one's share is 1 request/s. The 429 asks for no wait (Retry-After 0), so a retry that
        // took no slot would go at once; one that takes its slot goes a spacing (1.01 s) after the first try.
        var time = new FakeTimeProvider(_time.GetUtcNow());
        var limiter = new SendRateLimiter(time);
        limiter.ShareWith(50);
        var handler = new RecordingHandler(time, () => Status(HttpStatusCode.TooManyRequests, TimeSpan.Zero), () => Json("{\"id\":\"9\"}"));

        var send = ResilientClient(handler, _tokens, limiter: limiter).SendAsync(Samples.TenantId, ServiceUrl, "a:chat", Activity.Message("hi"), CancellationToken.None);
        while (!send.IsCompleted)
        {
            await Task.Delay(5);
            time.Advance(TimeSpan.FromMilliseconds(5)); // the limiter's clock runs no faster than the real one the pipeline's back-off uses
        }

        Assert.AreEqual("9", (await send).Value?.Id);
        Assert.HasCount(2, handler.Requests, "the 429 was retried within the call");
        Assert.IsGreaterThanOrEqualTo(SendRateLimiter.Spacing(1), handler.Requests[1].At - handler.Requests[0].At, "the retry waited for its slot");
    }

    [TestMethod]
    public async Task A_typing_indicator_without_a_send_slot_soon_enough_is_not_sent()
    {
        var time = new FakeTimeProvider(_time.GetUtcNow());
        var limiter = new SendRateLimiter(time);
        limiter.ShareWith(50); // 1 request/s for this instance
        var handler = new RecordingHandler(time, () => Json("{\"id\":\"1\"}"));
        var client = ResilientClient(handler, _tokens, limiter: limiter);
        var first = await client.SendTypingAsync(Samples.TenantId, ServiceUrl, "a:chat", TimeSpan.FromSeconds(1), CancellationToken.None);

        var second = await client.SendTypingAsync(Samples.TenantId, ServiceUrl, "a:other-chat", TimeSpan.FromSeconds(0.5), CancellationToken.None);

        Assert.IsTrue(first.IsOk);
        Assert.AreEqual(ConnectorFailure.NoSendSlot, second.Failure, "the tenant's next slot is 1.01 s away");
        Assert.HasCount(1, handler.Requests);
        Assert.AreEqual("typing", (string?)JsonNode.Parse(handler.Requests[0].Body)!["type"]);
    }

    [TestMethod]
    public async Task A_429_with_a_short_Retry_After_is_retried_within_the_call_and_then_succeeds()
    {
        var handler = new RecordingHandler(TimeProvider.System, () => Status(HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(1)), () => Json("{\"id\":\"9\"}"));

        var result = await ResilientClient(handler, _tokens).SendAsync(Samples.TenantId, ServiceUrl, "a:chat", Activity.Message("hi"), CancellationToken.None);

        Assert.AreEqual("9", result.Value?.Id);
        Assert.HasCount(2, handler.Requests);
        var waited = handler.Requests[1].At - handler.Requests[0].At;
        Assert.IsGreaterThanOrEqualTo(TimeSpan.FromSeconds(0.9), waited, "the Retry-After was honoured");
        Assert.AreEqual(1, _tokens.Calls);
    }

    [TestMethod]
    public async Task A_long_Retry_After_is_not_waited_out_in_the_call_but_handed_back_to_the_caller()
    {
        var handler = new RecordingHandler(TimeProvider.System, () => Status(HttpStatusCode.TooManyRequests, TimeSpan.FromHours(2)));

        var result = await ResilientClient(handler, _tokens).SendAsync(Samples.TenantId, ServiceUrl, "a:chat", Activity.Message("hi"), CancellationToken.None);

        Assert.AreEqual(HttpStatusCode.TooManyRequests, result.Status);
        Assert.AreEqual(TimeSpan.FromHours(2), result.RetryAfter);
        Assert.HasCount(1, handler.Requests);
    }

    [TestMethod]
    public async Task Transient_failures_are_retried_three_times_within_the_call_and_then_returned_as_a_result()
    {
        var handler = new RecordingHandler(TimeProvider.System, () => Status(HttpStatusCode.ServiceUnavailable));

        var result = await ResilientClient(handler, _tokens).SendAsync(Samples.TenantId, ServiceUrl, "a:chat", Activity.Message("hi"), CancellationToken.None);

        Assert.AreEqual(ConnectorFailure.HttpError, result.Failure);
        Assert.AreEqual(HttpStatusCode.ServiceUnavailable, result.Status);
        Assert.HasCount(4, handler.Requests);
    }

    [TestMethod]
    public async Task A_connector_that_hangs_is_abandoned_after_the_attempt_timeout_and_returned_as_unreachable()
    {
        var handler = new RecordingHandler(TimeProvider.System, () => throw new InvalidOperationException("unused")) { Hang = true };

        var result = await ResilientClient(handler, _tokens, TimeSpan.FromMilliseconds(300)).SendAsync(Samples.TenantId, ServiceUrl, "a:chat", Activity.Message("hi"), CancellationToken.None);

        Assert.AreEqual(ConnectorFailure.Unreachable, result.Failure);
        Assert.IsGreaterThanOrEqualTo(2, handler.Requests.Count, "an attempt that timed out was retried, until the whole call's timeout");
    }

    [TestMethod]
    public async Task A_token_that_cannot_be_acquired_is_a_result_and_nothing_is_sent()
    {
        var handler = new RecordingHandler(_time, () => Json("{\"id\":\"1\"}"));

        var result = await Client(handler, new ThrowingTokenSource()).SendAsync(Samples.TenantId, ServiceUrl, "a:chat", Activity.Message("hi"), CancellationToken.None);

        Assert.AreEqual(ConnectorFailure.NoToken, result.Failure);
        Assert.IsEmpty(handler.Requests);
    }

    private sealed class ThrowingTokenSource : IConnectorTokenSource
    {
        public Task<string?> GetTokenAsync(CancellationToken cancellationToken) =>
            throw new Microsoft.Identity.Client.MsalServiceException("invalid_client", "AADSTS7000215: Invalid client secret provided.");
    }

    [TestMethod]
    public async Task A_client_error_is_not_retried()
    {
        var handler = new RecordingHandler(_time, () => Status(HttpStatusCode.Forbidden));

        var result = await Client(handler).SendAsync(Samples.TenantId, ServiceUrl, "a:chat", Activity.Message("hi"), CancellationToken.None);

        Assert.AreEqual(HttpStatusCode.Forbidden, result.Status);
        Assert.HasCount(1, handler.Requests);
    }

    [TestMethod]
    public async Task Anonymous_development_sends_no_authorization_header()
    {
        var handler = new RecordingHandler(_time, () => Json("{\"id\":\"1\"}"));
        var client = new ConnectorClient(new HttpClient(handler), new CountingTokenSource(null),
            new ServiceUrlAllowList(["localhost"]), _time, NullLogger<ConnectorClient>.Instance);

        var result = await client.SendAsync(Samples.TenantId, new Uri("http://localhost:56150/_connector"), "a:chat", Activity.Message("hi"), CancellationToken.None);

        Assert.IsTrue(result.IsOk);
        Assert.IsNull(handler.Requests.Single().Authorization);
        Assert.AreEqual("http://localhost:56150/_connector/v3/conversations/a%3Achat/activities", handler.Requests.Single().Uri.AbsoluteUri);
    }
}
