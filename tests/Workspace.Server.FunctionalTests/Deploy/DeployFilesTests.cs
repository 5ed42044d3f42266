using System.Diagnostics;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Workspace.Server.FunctionalTests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Workspace.Server.FunctionalTests.Deploy;

/// <summary>
/// deploy/ is only exercised for real where there is a container engine or a cluster; these tests
/// check, without either, that the files say what the deployment depends on.
/// </summary>
public sealed class DeployFilesTests
{
    private static string DeployFolder => Path.Combine(RepositoryPaths.Root, "deploy");

    [Fact]
    public void Kubernetes_manifests_parse_and_hold_the_expected_kinds()
    {
        var documents = KubernetesDocuments();

        foreach (var (file, document) in documents)
        {
            Assert.False(string.IsNullOrWhiteSpace(document.Text("apiVersion")), $"{file}: a document without apiVersion");
            Assert.False(string.IsNullOrWhiteSpace(document.Map("metadata").Text("name")), $"{file}: a document without metadata.name");
        }

        var kinds = documents.Select(d => d.Document.Text("kind")).ToHashSet();
        string[] expected = ["ServiceAccount", "Role", "RoleBinding", "ConfigMap", "Deployment", "Service", "Job", "Ingress"];
        Assert.Empty(expected.Except(kinds));
    }

    [Fact]
    public void Deployment_pods_carry_the_Orleans_hosting_labels_and_environment()
    {
        var deployment = Single("Deployment");
        Assert.True(int.Parse(deployment.Map("spec").Text("replicas")!, System.Globalization.CultureInfo.InvariantCulture) >= 2, "a cluster needs at least two nodes");

        var template = deployment.Map("spec").Map("template");
        var labels = template.Map("metadata").Map("labels");
        Assert.False(string.IsNullOrWhiteSpace(labels.Text("orleans/serviceId")));
        Assert.False(string.IsNullOrWhiteSpace(labels.Text("orleans/clusterId")));
        foreach (var (key, value) in deployment.Map("spec").Map("selector").Map("matchLabels").Pairs())
        {
            Assert.Equal(value, labels.Text(key));
        }

        var env = Container(deployment).Seq("env").Cast<YamlMappingNode>().ToList();
        var fieldRefs = env.Where(e => e.Has("valueFrom"))
            .ToDictionary(e => e.Text("name")!, e => e.Map("valueFrom").Map("fieldRef").Text("fieldPath"));
        Assert.Equal("metadata.name", fieldRefs.GetValueOrDefault("POD_NAME"));
        Assert.Equal("metadata.namespace", fieldRefs.GetValueOrDefault("POD_NAMESPACE"));
        Assert.Equal("status.podIP", fieldRefs.GetValueOrDefault("POD_IP"));
        Assert.Equal("metadata.labels['orleans/serviceId']", fieldRefs.GetValueOrDefault("ORLEANS_SERVICE_ID"));
        Assert.Equal("metadata.labels['orleans/clusterId']", fieldRefs.GetValueOrDefault("ORLEANS_CLUSTER_ID"));

        // Kubernetes expands $(NAME) only from variables defined earlier in the list.
        var names = env.Select(e => e.Text("name")).ToList();
        AssertReferences("Workspace__Clustering__AdvertisedAddress", "POD_IP");
        AssertReferences("Workspace__Clustering__ServiceId", "ORLEANS_SERVICE_ID");
        AssertReferences("Workspace__Clustering__ClusterId", "ORLEANS_CLUSTER_ID");

        // The pods run as the account the Role is bound to, with the rights Orleans' hosting uses.
        var account = template.Map("spec").Text("serviceAccountName");
        Assert.Contains(KubernetesDocuments(), d => d.Document.Text("kind") == "ServiceAccount" && d.Document.Map("metadata").Text("name") == account);
        var binding = Single("RoleBinding");
        Assert.Contains(binding.Seq("subjects").Cast<YamlMappingNode>(), s => s.Text("kind") == "ServiceAccount" && s.Text("name") == account);
        var role = Single("Role");
        Assert.Equal(role.Map("metadata").Text("name"), binding.Map("roleRef").Text("name"));
        var podRule = Assert.Single(role.Seq("rules").Cast<YamlMappingNode>(), r => r.Seq("resources").Texts().Contains("pods"));
        Assert.Empty(new[] { "get", "list", "watch", "delete" }.Except(podRule.Seq("verbs").Texts()));

        void AssertReferences(string name, string source)
        {
            var entry = env.Single(e => e.Text("name") == name);
            Assert.Equal($"$({source})", entry.Text("value"));
            Assert.True(names.IndexOf(source) < names.IndexOf(name), $"{source} must come before {name}");
        }
    }

    [Fact]
    public void Deployment_probes_healthz_and_drains_before_stopping()
    {
        var deployment = Single("Deployment");
        var container = Container(deployment);
        foreach (var probe in new[] { "readinessProbe", "livenessProbe" })
        {
            var httpGet = container.Map(probe).Map("httpGet");
            Assert.Equal("/healthz", httpGet.Text("path"));
            Assert.Equal(8080, ContainerPort(container, httpGet.Text("port")!));
        }

        var preStop = container.Map("lifecycle").Map("preStop").Map("exec").Seq("command").Texts().ToList();
        Assert.Equal("sleep", preStop[0]);
        var sleep = int.Parse(preStop[1], System.Globalization.CultureInfo.InvariantCulture);
        var grace = int.Parse(deployment.Map("spec").Map("template").Map("spec").Text("terminationGracePeriodSeconds")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(grace >= 30 && grace > sleep + 15, $"terminationGracePeriodSeconds {grace} leaves too little time after a {sleep} s preStop sleep");
    }

    [Fact]
    public void Migration_job_runs_migrate_with_the_nodes_image_and_settings()
    {
        var job = Container(Single("Job"));
        var node = Container(Single("Deployment"));
        Assert.Equal(["migrate"], job.Seq("args").Texts());
        Assert.Equal(node.Text("image"), job.Text("image"));
        Assert.Equal(EnvSources(node), EnvSources(job));

        // e.g. ["configMapRef workspace", "secretRef workspace"]
        static string[] EnvSources(YamlMappingNode container) =>
            [.. container.Seq("envFrom").Cast<YamlMappingNode>().SelectMany(source => source.Pairs().Select(p => $"{p.Key} {source.Map(p.Key).Text("name")}"))];
    }

    [Fact]
    public void Service_and_ingress_reach_the_node_pods()
    {
        var deployment = Single("Deployment");
        var labels = deployment.Map("spec").Map("template").Map("metadata").Map("labels");
        var service = Single("Service");
        foreach (var (key, value) in service.Map("spec").Map("selector").Pairs())
        {
            Assert.Equal(value, labels.Text(key));
        }

        var servicePort = Assert.Single(service.Map("spec").Seq("ports").Cast<YamlMappingNode>());
        Assert.Equal(8080, ContainerPort(Container(deployment), servicePort.Text("targetPort")!));

        var ingress = Single("Ingress");
        var backend = ingress.Map("spec").Seq("rules").Cast<YamlMappingNode>().Single().Map("http").Seq("paths").Cast<YamlMappingNode>().Single().Map("backend").Map("service");
        Assert.Equal(service.Map("metadata").Text("name"), backend.Text("name"));
        Assert.Equal(servicePort.Text("name"), backend.Map("port").Text("name"));
        var annotations = ingress.Map("metadata").Map("annotations");
        Assert.True(int.Parse(annotations.Text("nginx.ingress.kubernetes.io/proxy-read-timeout")!, System.Globalization.CultureInfo.InvariantCulture) >= 600, "WebSockets need a long read timeout");
        Assert.Equal("cookie", annotations.Text("nginx.ingress.kubernetes.io/affinity"));
    }

    [Fact]
    public async Task Compose_file_validates_with_postgres_migration_two_nodes_and_a_proxy()
    {
        var (exitCode, output, error) = await Compose("config");
        Assert.True(exitCode == 0, $"compose config exited with {exitCode}:\n{error}\n{output}");

        var services = ((YamlMappingNode)Load(output).Single().RootNode).Map("services");
        string[] expected = ["postgres", "migrate", "node1", "node2", "proxy"];
        Assert.Empty(expected.Except(services.Pairs().Select(p => p.Key)));

        Assert.Equal("service_healthy", services.Map("migrate").Map("depends_on").Map("postgres").Text("condition"));
        Assert.Contains("migrate", Command(services.Map("migrate")));
        Assert.True(services.Map("postgres").Has("healthcheck"), "migrate waits for postgres to be healthy, so it needs a health check");

        var addresses = new HashSet<string>();
        foreach (var node in new[] { "node1", "node2" })
        {
            var service = services.Map(node);
            Assert.Equal("service_completed_successfully", service.Map("depends_on").Map("migrate").Text("condition"));
            Assert.Equal(services.Map("migrate").Text("image"), service.Text("image"));
            var environment = service.Map("environment");
            Assert.Equal("PostgreSql", environment.Text("Workspace__Storage__Provider"));
            Assert.Equal("AdoNet", environment.Text("Workspace__Clustering__Provider"));

            // Orleans advertises an IP, so each node's must be its own, fixed address.
            var advertised = environment.Text("Workspace__Clustering__AdvertisedAddress")!;
            var networks = service.Map("networks");
            var assigned = networks.Pairs().Where(p => networks.Children[p.Key] is YamlMappingNode).Select(p => networks.Map(p.Key).Text("ipv4_address")).Single(a => a is not null);
            Assert.Equal(assigned, advertised);
            Assert.True(addresses.Add(advertised), $"{node} advertises the address of another node");
            Assert.False(service.Has("ports"), $"{node} must be reached through the proxy only (it trusts forwarded headers)");
        }

        Assert.Contains(8080, PublishedPorts(services.Map("proxy")));
    }

    [Fact]
    public void Proxy_passes_websockets_to_both_nodes_with_affinity()
    {
        var conf = File.ReadAllText(Path.Combine(DeployFolder, "nginx.conf"));
        var upstream = Block(conf, @"upstream\s+\w+");
        Assert.Contains("server node1:8080", upstream, StringComparison.Ordinal);
        Assert.Contains("server node2:8080", upstream, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^\s*(ip_hash|hash\s+\S+.*consistent)\s*;", upstream);

        var hubs = Block(conf, @"location\s+/hubs/");
        Assert.Matches(@"proxy_set_header\s+Upgrade\s+\$http_upgrade\s*;", hubs);
        Assert.Matches(@"proxy_set_header\s+Connection\s+\$connection_upgrade\s*;", hubs);
        Assert.Matches(@"map\s+\$http_upgrade\s+\$connection_upgrade", conf);
        var timeout = Regex.Match(hubs, @"proxy_read_timeout\s+(\d+)(s|m|h)?\s*;");
        Assert.True(timeout.Success, "the /hubs/ location needs a proxy_read_timeout");
        var seconds = int.Parse(timeout.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) * timeout.Groups[2].Value switch { "m" => 60, "h" => 3600, _ => 1 };
        Assert.True(seconds >= 600, $"proxy_read_timeout of {seconds} s closes idle live connections");
    }

    [Fact]
    public void Dockerfile_builds_client_and_server_in_stages_and_runs_unprivileged()
    {
        var lines = File.ReadAllLines(Path.Combine(DeployFolder, "Dockerfile"))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToList();
        var stages = lines.Select((l, i) => (Line: l, Index: i)).Where(x => x.Line.StartsWith("FROM ", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(stages.Count >= 3, $"expected client, server and runtime stages, found {stages.Count}");

        var runtime = lines.Skip(stages[^1].Index).ToList();
        Assert.Contains("dotnet/aspnet", runtime[0], StringComparison.Ordinal);
        var user = Assert.Single(runtime, l => l.StartsWith("USER ", StringComparison.Ordinal))[5..].Trim();
        Assert.DoesNotContain(user, new[] { "root", "0", "0:0" });
        Assert.Contains(runtime, l => l.StartsWith("ENTRYPOINT", StringComparison.Ordinal) && l.Contains("\"Workspace.Server.dll\"", StringComparison.Ordinal));

        // appsettings.json's Urls beats ASPNETCORE_URLS; a container listening on localhost is unreachable.
        var settings = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.ServerProject, "appsettings.json")))!;
        if (settings["Urls"] is not null)
        {
            Assert.Contains(runtime, l => Regex.IsMatch(l, @"^(ENV\s+)?Urls=http://(\+|\*|0\.0\.0\.0|\[::\]):8080\b"));
        }

        var text = string.Join('\n', lines);
        Assert.Contains("npm ci", text, StringComparison.Ordinal);
        Assert.Contains("npm run build", text, StringComparison.Ordinal);
        Assert.Matches(@"dotnet publish .*-p:SkipClientBuild=true", text.Replace("\\\n", " ", StringComparison.Ordinal));
        Assert.Matches(@"COPY --from=\w+ \S*src/Workspace\.Server/wwwroot/? src/Workspace\.Server/wwwroot", text);

        // A project the server needs but the restore layer does not copy breaks the image build.
        var restore = lines.FindIndex(l => l.StartsWith("RUN dotnet restore", StringComparison.Ordinal));
        Assert.True(restore > 0, "the server stage restores before copying the sources");
        var copied = lines.Take(restore).Where(l => l.StartsWith("COPY ", StringComparison.Ordinal)).SelectMany(l => l.Split(' ')).ToHashSet();
        foreach (var project in ServerProjectClosure())
        {
            Assert.Contains(project, copied);
        }
    }

    [Fact]
    public void Dockerignore_keeps_local_builds_out_and_the_schema_in()
    {
        var patterns = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, ".dockerignore"))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToList();
        string[] required = ["**/bin/", "**/obj/", "**/node_modules/", "src/Workspace.Server/wwwroot/"];
        Assert.Empty(required.Except(patterns));
        Assert.DoesNotContain(patterns, p => p.TrimEnd('/') is "deploy" or "deploy/sql" or "src" or "client" or "deploy/*");
    }

    /// <summary>Every csproj the server builds from, as paths relative to the repository root.</summary>
    private static HashSet<string> ServerProjectClosure()
    {
        var found = new HashSet<string>();
        var pending = new Stack<string>([Path.Combine(RepositoryPaths.ServerProject, "Workspace.Server.csproj")]);
        while (pending.TryPop(out var project))
        {
            var relative = Path.GetRelativePath(RepositoryPaths.Root, project).Replace('\\', '/');
            if (!found.Add(relative))
            {
                continue;
            }

            foreach (var reference in XDocument.Load(project).Descendants("ProjectReference"))
            {
                var include = reference.Attribute("Include")!.Value.Replace('\\', Path.DirectorySeparatorChar);
                pending.Push(Path.GetFullPath(include, Path.GetDirectoryName(project)!));
            }
        }

        return found;
    }

    private static List<(string File, YamlMappingNode Document)> KubernetesDocuments()
    {
        var files = Directory.GetFiles(Path.Combine(DeployFolder, "kubernetes"), "*.yaml").Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(files);
        return [.. files.SelectMany(file => Load(File.ReadAllText(file))
            .Where(d => d.RootNode is not YamlScalarNode { Value: null or "" })
            .Select(d => (Path.GetFileName(file), Assert.IsType<YamlMappingNode>(d.RootNode))))];
    }

    private static YamlMappingNode Single(string kind) =>
        Assert.Single(KubernetesDocuments(), d => d.Document.Text("kind") == kind).Document;

    private static YamlMappingNode Container(YamlMappingNode workload) =>
        Assert.IsType<YamlMappingNode>(Assert.Single(workload.Map("spec").Map("template").Map("spec").Seq("containers")));

    /// <summary>A probe's or service's port, by number or by the container port's name.</summary>
    private static int ContainerPort(YamlMappingNode container, string port) =>
        int.TryParse(port, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? number
            : int.Parse(container.Seq("ports").Cast<YamlMappingNode>().Single(p => p.Text("name") == port).Text("containerPort")!, System.Globalization.CultureInfo.InvariantCulture);

    private static IList<YamlDocument> Load(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents;
    }

    private static IEnumerable<string> Command(YamlMappingNode service) =>
        service.Children.TryGetValue("command", out var command)
            ? command is YamlSequenceNode sequence ? sequence.Texts() : ((YamlScalarNode)command).Value!.Split(' ')
            : [];

    /// <summary>Host ports, whichever syntax the compose version prints ("8080:8080" or published/target).</summary>
    private static IEnumerable<int> PublishedPorts(YamlMappingNode service) =>
        service.Seq("ports").Select(port => port switch
        {
            YamlScalarNode scalar => int.Parse(scalar.Value!.Split(':')[^2], System.Globalization.CultureInfo.InvariantCulture),
            YamlMappingNode map => int.Parse(map.Text("published")!, System.Globalization.CultureInfo.InvariantCulture),
            _ => -1,
        });

    /// <summary>The text between the braces of the first block whose head matches.</summary>
    private static string Block(string conf, string head)
    {
        var match = Regex.Match(conf, head + @"\s*\{");
        Assert.True(match.Success, $"no block matching '{head}'");
        var depth = 1;
        var i = match.Index + match.Length;
        for (var start = i; i < conf.Length; i++)
        {
            depth += conf[i] switch { '{' => 1, '}' => -1, _ => 0 };
            if (depth == 0)
            {
                return conf[start..i];
            }
        }

        throw new InvalidOperationException($"unclosed block '{head}'");
    }

    /// <summary>Runs Compose v2 (`docker compose`) or, where only v1 is installed, `docker-compose`.</summary>
    private static async Task<(int ExitCode, string Output, string Error)> Compose(string command)
    {
        var file = Path.Combine(DeployFolder, "docker-compose.yml");
        if (await Run("docker", "compose version") is (0, _, _))
        {
            return await Run("docker", $"compose -f \"{file}\" {command}");
        }

        if (await Run("docker-compose", "version") is (0, _, _))
        {
            return await Run("docker-compose", $"-f \"{file}\" {command}");
        }

        Assert.Fail("Neither `docker compose` (the Compose plugin) nor `docker-compose` is installed; one is needed to validate deploy/docker-compose.yml.");
        return default;
    }

    private static async Task<(int ExitCode, string Output, string Error)> Run(string fileName, string arguments)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (-1, "", $"{fileName} not found");
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await output, await error);
        }
    }
}

/// <summary>Just enough navigation over YamlDotNet's node model for these tests.</summary>
internal static class YamlNodes
{
    public static bool Has(this YamlMappingNode node, string key) => node.Children.ContainsKey(key);

    public static YamlMappingNode Map(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var child) && child is YamlMappingNode map
            ? map
            : throw new Xunit.Sdk.XunitException($"expected a mapping '{key}' at {node.Start}");

    public static YamlSequenceNode Seq(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var child) && child is YamlSequenceNode sequence
            ? sequence
            : throw new Xunit.Sdk.XunitException($"expected a sequence '{key}' at {node.Start}");

    public static string? Text(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var child) && child is YamlScalarNode scalar ? scalar.Value : null;

    public static IEnumerable<string> Texts(this YamlSequenceNode node) =>
        node.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "");

    public static IEnumerable<(string Key, string? Value)> Pairs(this YamlMappingNode node) =>
        node.Children.Select(p => (((YamlScalarNode)p.Key).Value!, (p.Value as YamlScalarNode)?.Value));
}
