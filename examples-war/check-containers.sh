#!/usr/bin/env bash
# Deploys the session tester WAR (the -all jar in WEB-INF/lib, the filter in web.xml) twice, as /session1 and
# /session2, into the real distributions of Tomcat, Jetty, WildFly, Payara and Open Liberty, all on one Redis,
# then checks with curl what a user of a shared session store relies on. The javax.servlet (Servlet 4.0)
# distributions get the javax tester WAR: the tester's classes turned into javax by the build, a Servlet 4.0
# web.xml without the filter, then spliced by `redis-session splice`, as a user would add the filter to a WAR.
#
#   - one session and one counter across every container and both apps;
#   - a new session and a write set only the filter's cookie, never the container's own (Tomcat runs with a jvmRoute);
#   - session listeners registered in web.xml, with @WebListener and with addListener each hear every session
#     created and invalidated on their container once (addListener only where the listener registry is read);
#   - the session survives kill -9 of the container that served it, and that container serves it again after
#     a restart;
#   - parallel writers of different attributes on different containers all survive;
#   - changeSessionId on one container: the old id opens no session anywhere, the new one keeps the data;
#   - invalidate on one container ends the session everywhere;
#   - Redis killed and restarted within failoverWait: requests made meanwhile wait and answer 200; killed for
#     longer: every container answers an error once failoverWait is over, then at once; Redis back: every
#     container serves again;
#   - no warning or error of the filter in any container's log before Redis is killed;
#   - with CHECK_TOPOLOGY: the master killed with kill -9 under 20 clients: every request answers 200, no
#     acknowledged write is lost, every container serves every session again soon after the promotion.
#
#   examples-war/check-containers.sh                   the five jakarta containers
#   examples-war/check-containers.sh tomcat payara     some of them
#   examples-war/check-containers.sh javax             the five javax containers (tomcat9 jetty10 wildfly26 payara5
#                                                      liberty-javax) and Tomcat 11, sharing the session with them
#   examples-war/check-containers.sh all               all ten (payara and payara5 together need about 1.5 GB more)
#   REDIS_URI=redis://host:6380 examples-war/check-containers.sh     an existing Redis (nothing is restarted:
#                                                      the Redis restart step is skipped)
#   CHECK_TOPOLOGY=sentinel examples-war/check-containers.sh    the same checks on a Sentinel group (a master,
#   CHECK_TOPOLOGY=cluster examples-war/check-containers.sh     two replicas, three sentinels) or a Cluster (three
#                                                      masters with two replicas each), with writeAckReplicas=1,
#                                                      then a failover under load instead of the Redis restart
#
# Distributions come from Maven Central through Maven (about 870 MB the first time, kept in
# examples-war/target/containers/downloads). The containers' failoverWait is CHECK_FAILOVER_WAIT seconds (6).
# Ports: CHECK_PORT (9281) and the next 17 ports, Redis on CHECK_REDIS_PORT (6401). Needs a JDK 17+, Maven, curl, unzip and, without REDIS_URI, redis-server on PATH.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
work="$here/target/containers"
downloads="$work/downloads"
war="$here/target/session-tester.war"
base_port=${CHECK_PORT:-9281}
redis_port=${CHECK_REDIS_PORT:-6401}
cookie=RSESSION_session-tester

jakarta_containers=(tomcat jetty wildfly payara liberty)
javax_containers=(tomcat9 jetty10 wildfly26 payara5 liberty-javax)
declare -A artifact=(
    [tomcat]=org.apache.tomcat:tomcat:11.0.24:zip
    [jetty]=org.eclipse.jetty:jetty-home:12.0.30:zip
    [wildfly]=org.wildfly:wildfly-dist:39.0.1.Final:zip
    [payara]=fish.payara.distributions:payara:6.2025.9:zip
    [liberty]=io.openliberty:openliberty-runtime:26.0.0.3:zip
    [tomcat9]=org.apache.tomcat:tomcat:9.0.109:zip
    [jetty10]=org.eclipse.jetty:jetty-home:10.0.24:zip
    [wildfly26]=org.wildfly:wildfly-dist:26.1.3.Final:zip
    [payara5]=fish.payara.distributions:payara:5.2022.5:zip
    [liberty-javax]=io.openliberty:openliberty-runtime:26.0.0.3:zip
)
# the distribution family (how it is installed) and the Servlet API of each container
declare -A kind=([tomcat]=tomcat [jetty]=jetty [wildfly]=wildfly [payara]=payara [liberty]=liberty
    [tomcat9]=tomcat [jetty10]=jetty [wildfly26]=wildfly [payara5]=payara [liberty-javax]=liberty)
declare -A flavour=()
for c in "${jakarta_containers[@]}"; do flavour[$c]=jakarta; done
for c in "${javax_containers[@]}"; do flavour[$c]=javax; done
declare -A port=([tomcat]=$base_port [jetty]=$((base_port + 1)) [wildfly]=$((base_port + 2))
    [payara]=$((base_port + 3)) [liberty]=$((base_port + 4))
    [tomcat9]=$((base_port + 7)) [jetty10]=$((base_port + 8)) [wildfly26]=$((base_port + 9))
    [payara5]=$((base_port + 10)) [liberty-javax]=$((base_port + 13)))
# Payara's HTTPS, admin, JMX and JMS listeners (two Payaras run side by side with the 'all' argument)
declare -A payara_ports=([payara]="$((base_port + 5)) $((base_port + 6)) $((base_port + 14)) $((base_port + 15))"
    [payara5]="$((base_port + 11)) $((base_port + 12)) $((base_port + 16)) $((base_port + 17))")
declare -A pid=()
containers=()
for c in "$@"; do
    case $c in
    javax) containers+=(tomcat "${javax_containers[@]}");;
    all) containers+=("${jakarta_containers[@]}" "${javax_containers[@]}");;
    *) containers+=("$c");;
    esac
done
[[ ${#containers[@]} -gt 0 ]] || containers=("${jakarta_containers[@]}")
redis_pid=""
failures=0
topology=${CHECK_TOPOLOGY:-standalone}

fail() { echo "check-containers.sh: $*" >&2; exit 2; }
pass() { echo "PASS  $*"; }
flunk() { echo "FAIL  $*"; failures=$((failures + 1)); }

for c in "${containers[@]}"; do
    [[ -n ${artifact[$c]:-} ]] || fail "unknown container '$c' (${jakarta_containers[*]} ${javax_containers[*]} javax all)"
done
for tool in java mvn curl unzip; do command -v $tool >/dev/null || fail "$tool not found on PATH"; done
if [[ -z ${REDIS_URI:-} ]]; then
    command -v redis-server >/dev/null || fail "redis-server not found: install it or set REDIS_URI"
    [[ $topology == standalone ]] || command -v redis-cli >/dev/null || fail "redis-cli not found"
fi
source "$here/topologies.sh"
source "$here/failover-check.sh"

stop_all() {
    for c in "${!pid[@]}"; do
        stop_tree "${pid[$c]}"
    done
    [[ -z $redis_pid ]] || kill "$redis_pid" 2>/dev/null
    stop_topology
}
trap stop_all EXIT

# Ends a process and its descendants (the launch scripts start the container's JVM as a child).
stop_tree() {
    local children
    children=$(pgrep -P "$1" 2>/dev/null)
    for child in $children; do stop_tree "$child" "${2:-}"; done
    kill ${2:-} "$1" 2>/dev/null
}

plain_javax_war="$here/target/session-tester-javax.war"
tool_jar=$(ls "$root"/tools/target/redis-session-cli-*.jar 2>/dev/null | grep -v /original- | head -n 1)
if [[ ! -f $war || ! -f $plain_javax_war || -z $tool_jar ]]; then
    echo "Building the WARs and the operator tool (mvn -q -DskipTests install)..."
    (cd "$root" && mvn -q -DskipTests install) || fail "the build failed"
    tool_jar=$(ls "$root"/tools/target/redis-session-cli-*.jar | grep -v /original- | head -n 1)
fi

mkdir -p "$downloads"
rm -rf "$work"/*.log "$work"/javax-war
for c in "${!artifact[@]}"; do rm -rf "${work:?}/$c"; done
for c in "${containers[@]}"; do
    a=${artifact[$c]}
    IFS=: read -r _ id version type <<< "$a"
    if [[ ! -f $downloads/$id-$version.$type ]]; then
        echo "Downloading $a..."
        # Maven's output goes to a file (it prints terminal escape codes even with -q -B), shown only on failure
        mvn -q -B org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy -Dartifact="$a" \
            -DoutputDirectory="$downloads" > "$work/download.log" 2>&1 \
            || { cat "$work/download.log"; fail "could not download $a"; }
    fi
done

# Unpacks a fresh copy, deploys the WAR twice and sets the port. Prints the command that runs it in the foreground.
install() {
    local c=$1 home dir="$work/$1"
    rm -rf "$dir" && mkdir -p "$dir"
    IFS=: read -r _ id version type <<< "${artifact[$c]}"
    unzip -q "$downloads/$id-$version.$type" -d "$dir" || fail "could not unpack $downloads/$id-$version.$type"
    home=$(find "$dir" -mindepth 1 -maxdepth 1 -type d | head -n 1)
    local p=${port[$c]}
    case ${kind[$c]} in
    tomcat)
        # a jvmRoute, as behind mod_jk: Tomcat adds it to its own session ids, never to the filter's
        sed -i 's/port="8005"/port="-1"/; s/<Connector port="8080"/<Connector address="127.0.0.1" port="'"$p"'"/;
            s/<Engine name="Catalina" defaultHost="localhost">/<Engine name="Catalina" defaultHost="localhost" jvmRoute="'"$c"'">/' \
            "$home/conf/server.xml"
        rm -rf "$home/webapps/"*
        deploy "$c" "$home/webapps"
        chmod +x "$home"/bin/*.sh
        echo "$home/bin/catalina.sh run";;
    jetty)
        local modules=http,ee10-deploy,ee10-annotations
        [[ ${flavour[$c]} == jakarta ]] || modules=http,deploy,annotations
        mkdir -p "$dir/base"
        (cd "$dir/base" && java -jar "$home/start.jar" --add-modules=$modules >/dev/null 2>&1)
        deploy "$c" "$dir/base/webapps"
        echo "cd $dir/base && exec java -jar $home/start.jar jetty.http.host=127.0.0.1 jetty.http.port=$p";;
    wildfly)
        deploy "$c" "$home/standalone/deployments"
        chmod +x "$home"/bin/*.sh
        echo "$home/bin/standalone.sh -b 127.0.0.1 -bmanagement 127.0.0.1 -Djboss.socket.binding.port-offset=$((p - 8080))";;
    payara)
        local domain="$home/glassfish/domains/domain1" https admin jmx jms
        read -r https admin jmx jms <<< "${payara_ports[$c]}"
        sed -i 's/network-listener port="8080"/network-listener address="127.0.0.1" port="'"$p"'"/;
            s/network-listener port="8181"/network-listener address="127.0.0.1" port="'"$https"'"/;
            s/network-listener port="4848"/network-listener address="127.0.0.1" port="'"$admin"'"/;
            s/address="0.0.0.0" port="8686"/address="127.0.0.1" port="'"$jmx"'"/;
            s/\(name="JMS_PROVIDER_PORT" [^>]*value=\)"7676"/\1"'"$jms"'"/' \
            "$domain/config/domain.xml"
        mkdir -p "$domain/autodeploy"
        deploy "$c" "$domain/autodeploy"
        chmod +x "$home"/bin/*
        echo "$home/bin/asadmin start-domain --verbose domain1";;
    liberty)
        local feature=servlet-6.0
        [[ ${flavour[$c]} == jakarta ]] || feature=servlet-4.0
        chmod +x "$home"/bin/*
        "$home/bin/server" create check >/dev/null || fail "could not create the Liberty server"
        cat > "$home/usr/servers/check/server.xml" <<EOF
<server description="redis-session check">
  <featureManager>
    <feature>$feature</feature>
  </featureManager>
  <httpEndpoint id="defaultHttpEndpoint" host="127.0.0.1" httpPort="$p" httpsPort="-1"/>
</server>
EOF
        deploy "$c" "$home/usr/servers/check/dropins"
        echo "$home/bin/server run check";;
    esac
}

# Copies the tester WAR of the container's Servlet API into a deployment folder as session1.war and session2.war.
deploy() {
    local source=$war
    [[ ${flavour[$1]} == jakarta ]] || source=$javax_war
    mkdir -p "$2"
    cp "$source" "$2/session1.war"
    cp "$source" "$2/session2.war"
}

# The javax tester WAR: the build's javax classes (session-tester-javax.war, no filter jar), its web.xml made a
# Servlet 4.0 descriptor without the filter, then spliced by the operator tool.
javax_war="$work/javax-war/session-tester-javax.war"
make_javax_war() {
    local dir="$work/javax-war"
    mkdir -p "$dir/plain/WEB-INF"
    unzip -p "$plain_javax_war" WEB-INF/web.xml | sed -e '/<filter>/,/<\/filter-mapping>/d' \
        -e 's/web-app_6_0\.xsd/web-app_4_0.xsd/; s/version="6\.0"/version="4.0"/' > "$dir/plain/WEB-INF/web.xml"
    grep -q 'version="4.0"' "$dir/plain/WEB-INF/web.xml" && ! grep -q '<filter>' "$dir/plain/WEB-INF/web.xml" \
        || fail "could not make a Servlet 4.0 web.xml without the filter from $plain_javax_war"
    cp "$plain_javax_war" "$dir/plain.war"
    (cd "$dir/plain" && jar uf ../plain.war WEB-INF/web.xml) || fail "could not update $dir/plain.war"
    java -jar "$tool_jar" splice "$dir/plain.war" --redis-uri "$REDIS_SESSION_REDIS_URI" -n session-tester \
        -o "$javax_war" > "$dir/splice.log" 2>&1 || fail "redis-session splice failed; see $dir/splice.log"
    echo "Spliced the javax tester: $(head -n 1 "$dir/splice.log")"
}

declare -A command=()
start() {
    local c=$1
    bash -c "${command[$c]}" > "$work/$c.log" 2>&1 &
    pid[$c]=$!
}

# Whether both apps of a container answer 200 within TRIES half-second tries (each request may create a session).
serves() {
    local c=$1 tries=$2
    for _ in $(seq 1 "$tries"); do
        if [[ $(status "http://127.0.0.1:${port[$c]}/session1/") == 200 &&
              $(status "http://127.0.0.1:${port[$c]}/session2/") == 200 ]]; then
            return 0
        fi
        sleep 0.5
    done
    return 1
}

wait_ready() {
    serves "$1" 360 || fail "$1 did not serve the tester within 3 minutes; see $work/$1.log"
}

status() { curl -s -o /dev/null -m 20 -w '%{http_code}' "$1"; }

# GET with a session id; prints the id and the counter the page shows (a new session when that id is dead).
visit() {
    curl -s -m 20 -b "$cookie=$2" -o "$work/page.html" "$1"
    local shown counter
    shown=$(sed -n 's/.*id="session-id"><code>\([^<]*\)<.*/\1/p' "$work/page.html" | head -n 1)
    counter=$(sed -n 's/.*id="counter">\([0-9]*\)<.*/\1/p' "$work/page.html" | head -n 1)
    echo "$shown $counter"
}

if [[ -n ${REDIS_URI:-} ]]; then
    export REDIS_SESSION_REDIS_URI=$REDIS_URI
else
    rm -rf "$work/redis"
    start_topology "$topology"
    [[ $topology == standalone ]] && redis_pid=${redis_pids[$redis_port]}
fi
if [[ $topology == standalone ]]; then
    # how long requests wait for Redis while it is down (setting failoverWait), shorter than the default 20 s
    failover_wait=${CHECK_FAILOVER_WAIT:-6}s
else
    failover_wait=${CHECK_FAILOVER_WAIT:-20}s
    export REDIS_SESSION_WRITE_ACK_REPLICAS=1
fi
export REDIS_SESSION_FAILOVER_WAIT=$failover_wait

for c in "${containers[@]}"; do
    if [[ ${flavour[$c]} == javax ]]; then
        make_javax_war
        break
    fi
done

for c in "${containers[@]}"; do
    echo "Installing $c (${artifact[$c]}) on port ${port[$c]}..."
    command[$c]=$(install "$c") || fail "could not install $c in $work/$c"
    start "$c"
done
for c in "${containers[@]}"; do
    wait_ready "$c"
done
echo "All containers serve the tester; Redis ($topology): $REDIS_SESSION_REDIS_URI"

# 1. One session and one counter across every container and both apps.
read -r id counter <<< "$(visit "http://127.0.0.1:${port[${containers[0]}]}/session1/" "")"
expected=1 ok=1
[[ $counter == 1 ]] || ok=0
for round in 1 2; do
    for c in "${containers[@]}"; do
        for app in session1 session2; do
            [[ $round == 1 && $c == "${containers[0]}" && $app == session1 ]] && continue
            expected=$((expected + 1))
            read -r shown counter <<< "$(visit "http://127.0.0.1:${port[$c]}/$app/" "$id")"
            [[ $shown == "$id" && $counter == "$expected" ]] || { ok=0; echo "      $c/$app: session $shown counter $counter, expected $id $expected"; }
        done
    done
done
[[ $ok == 1 ]] && pass "one session, counter 1..$expected across ${containers[*]}, /session1 and /session2" \
    || flunk "the counter did not continue across containers and apps"

# 2. Requests through the filter never set the container's own session cookie, also where the container's own
#    session ids carry a route (Tomcat with a jvmRoute, WildFly's instance-id).
ok=1
for c in "${containers[@]}"; do
    names=$( { curl -s -m 20 -o /dev/null -D - "http://127.0.0.1:${port[$c]}/session1/"
               curl -s -m 20 -o /dev/null -D - -d "action=set&name=cookie-check&value=1" \
                   "http://127.0.0.1:${port[$c]}/session2/"; } \
        | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: *\([^=;]*\)=.*/\1/p' | sort -u | tr '\n' ' ')
    [[ $names == "$cookie " ]] || { ok=0; echo "      $c: a new session, then a write, set the cookies: ${names:-none}"; }
done
[[ $ok == 1 ]] && pass "a new session and a write set only $cookie on ${containers[*]}, never the container's own cookie" \
    || flunk "a container set a session cookie of its own, or none"

# 3. Session listeners of every source (web.xml, @WebListener, addListener) hear each session once on every
#    container: 20 sessions created and invalidated there, counted by the tester page per source.
listener_counts() {
    local row
    for row in listener-events listener-events-annotated listener-events-added; do
        sed -n 's/.*id="'"$row"'">created \([0-9]*\), destroyed \([0-9]*\)<.*/\1 \2/p' "$work/page.html" | head -n 1
    done
}
# Prints a container's log; Liberty's console omits INFO lines, its messages.log has them.
container_log() {
    cat "$work/$1.log"
    [[ ${kind[$1]} != liberty ]] || cat "$work/$1"/*/usr/servers/check/logs/messages.log 2>/dev/null
}
ok=1
for c in "${containers[@]}"; do
    url="http://127.0.0.1:${port[$c]}/session1/"
    visit "$url" "" > /dev/null
    mapfile -t before < <(listener_counts)
    for i in $(seq 1 20); do
        sid=$(curl -s -m 20 -o /dev/null -c - "$url" | awk -v n="$cookie" '$6 == n { print $7 }')
        curl -s -m 20 -o /dev/null -b "$cookie=$sid" -d action=invalidate "$url"
    done
    visit "$url" "" > /dev/null
    mapfile -t after < <(listener_counts)
    if container_log "$c" | grep -q "read from .*'s registry"; then
        found="the container's registry"
        sources=(web.xml @WebListener addListener)
    else
        found="the descriptors (addListener listeners need the sessionListeners setting here)"
        sources=(web.xml @WebListener)
    fi
    line=""
    for s in 0 1 2; do
        read -r c0 d0 <<< "${before[$s]:-x x}"
        read -r c1 d1 <<< "${after[$s]:-x x}"
        [[ $c0 =~ ^[0-9]+$ && $c1 =~ ^[0-9]+$ ]] || { ok=0; line+=" source $s unreadable;"; continue; }
        line+=" $((c1 - c0)) created/$((d1 - d0)) destroyed;"
        if (( s < ${#sources[@]} )) && [[ $((c1 - c0)) != 21 || $((d1 - d0)) != 20 ]]; then ok=0; fi
    done
    echo "      $c: listeners found through $found; web.xml, @WebListener, addListener:$line expected 21/20"
done
[[ $ok == 1 ]] && pass "session listeners of every visible source heard 21 creations and 20 invalidations on ${containers[*]}" \
    || flunk "a session listener missed or repeated events"

# 4. kill -9 of the container that served the last request; the next one continues; the restarted one serves it.
last=${containers[-1]}
if [[ ${#containers[@]} -gt 1 ]]; then
    stop_tree "${pid[$last]}" -9
    wait "${pid[$last]}" 2>/dev/null
    unset "pid[$last]"
    read -r shown counter <<< "$(visit "http://127.0.0.1:${port[${containers[0]}]}/session1/" "$id")"
    expected=$((expected + 1))
    [[ $shown == "$id" && $counter == "$expected" ]] && pass "kill -9 of $last: ${containers[0]} continues at $counter" \
        || flunk "after kill -9 of $last: session $shown counter $counter, expected $id $expected"
    start "$last"
    wait_ready "$last"
    read -r shown counter <<< "$(visit "http://127.0.0.1:${port[$last]}/session2/" "$id")"
    expected=$((expected + 1))
    [[ $shown == "$id" && $counter == "$expected" ]] && pass "$last restarted: serves the session at $counter" \
        || flunk "restarted $last: session $shown counter $counter, expected $id $expected"
fi

# 5. Parallel writers of different attributes on different containers.
writers=()
for i in $(seq 0 39); do
    c=${containers[$((i % ${#containers[@]}))]}
    curl -s -m 20 -o /dev/null -b "$cookie=$id" -d "action=set&name=p$i&value=v$i" \
        "http://127.0.0.1:${port[$c]}/session$((i % 2 + 1))/" &
    writers+=($!)
done
wait "${writers[@]}"
writers=${#writers[@]}
visit "http://127.0.0.1:${port[${containers[0]}]}/session1/" "$id" > /dev/null
seen=$(grep -o '<th>p[0-9]*</th>' "$work/page.html" | sort -u | wc -l)
[[ $seen == "$writers" ]] && pass "$writers parallel writers of different attributes: all $seen attributes kept" \
    || flunk "parallel writers: $seen of $writers attributes kept"

# 6. changeSessionId on one container: the old id is dead everywhere, the new id keeps the data.
fixer=${containers[$(( ${#containers[@]} > 1 ? 1 : 0 ))]}
new_id=$(curl -s -m 20 -o /dev/null -b "$cookie=$id" -c - -d action=changeId "http://127.0.0.1:${port[$fixer]}/session1/" \
    | awk -v n="$cookie" '$6 == n {print $7}')
ok=1
[[ -n $new_id && $new_id != "$id" ]] || ok=0
for c in "${containers[@]}"; do
    read -r shown counter <<< "$(visit "http://127.0.0.1:${port[$c]}/session2/" "$id")"
    [[ $shown != "$id" && $counter == 1 ]] || { ok=0; echo "      $c: the old id still opens $shown ($counter)"; }
    read -r shown counter <<< "$(visit "http://127.0.0.1:${port[$c]}/session1/" "$new_id")"
    [[ $shown == "$new_id" && $counter -gt 1 ]] || { ok=0; echo "      $c: the new id opens $shown ($counter)"; }
done
[[ $ok == 1 ]] && pass "changeSessionId on $fixer: the old id opens no session anywhere, the new id keeps the data" \
    || flunk "changeSessionId on $fixer"

# 7. Invalidate on one container ends the session everywhere.
curl -s -m 20 -o /dev/null -b "$cookie=$new_id" -d action=invalidate "http://127.0.0.1:${port[${containers[0]}]}/session2/"
ok=1
for c in "${containers[@]}"; do
    read -r shown counter <<< "$(visit "http://127.0.0.1:${port[$c]}/session1/" "$new_id")"
    [[ $shown != "$new_id" && $counter == 1 ]] || { ok=0; echo "      $c: the invalidated id still opens $shown ($counter)"; }
done
[[ $ok == 1 ]] && pass "invalidate on ${containers[0]}: no container serves the session any more" \
    || flunk "invalidate on ${containers[0]}"

# 8. The filter logged no warning or error in any container so far, except the expected one on containers whose
#    listener registry it cannot read.
# (Liberty's console omits logger names: its messages.log has them, with W or E for warnings and errors.)
# A file is noisy when it has more warning lines than occurrences of the expected warning (whose message may sit on
# the line after its level, as in Payara's log format).
noisy=""
for c in "${containers[@]}"; do
    files=("$work/$c.log")
    [[ ${kind[$c]} != liberty ]] || files+=("$work/$c"/*/usr/servers/check/logs/messages.log)
    for f in "${files[@]}"; do
        [[ -f $f ]] || continue
        warnings=$(grep -c -E '(WARN|WARNING|SEVERE|ERROR).*(io\.redissession|WFLYEE0007)|io\.redissession[^ ]* +[WE] ' "$f")
        expected=$(grep -c 'listener registry of this container' "$f")
        (( warnings > expected )) && noisy+="$f "
    done
done
[[ -z $noisy ]] && pass "no warning or error from the filter in any container's log" \
    || flunk "warnings or errors about the filter in: $noisy"

# 9. Redis killed and back within failoverWait: requests made meanwhile wait and answer 200. Killed for longer:
#    each container answers 5xx once failoverWait is over, then at once; Redis back: every container serves again.
start_redis() {
    start_node "$redis_port"
    redis_pid=${redis_pids[$redis_port]}
}
if [[ -n $redis_pid ]]; then
    kill -9 "$redis_pid"
    wait "$redis_pid" 2>/dev/null
    waiting=()
    for c in "${containers[@]}"; do
        curl -s -o /dev/null -m 60 -w '%{http_code} %{time_total}' -b "$cookie=$id" \
            "http://127.0.0.1:${port[$c]}/session1/" > "$work/waited-$c.txt" &
        waiting+=($!)
    done
    sleep 2
    start_redis
    for pid in "${waiting[@]}"; do wait "$pid" 2>/dev/null; done
    ok=1
    for c in "${containers[@]}"; do
        answer=$(cat "$work/waited-$c.txt")
        echo "      Redis down for 2 s, $c: HTTP ${answer% *} in ${answer#* } s"
        [[ ${answer% *} == 200 ]] || ok=0
    done
    [[ $ok == 1 ]] && pass "Redis restarted within failoverWait ($failover_wait): every request made meanwhile waited and answered 200" \
        || flunk "Redis restarted within failoverWait: a request made meanwhile failed"

    kill -9 "$redis_pid"
    wait "$redis_pid" 2>/dev/null
    ok=1
    for c in "${containers[@]}"; do
        first=$(curl -s -o /dev/null -m 60 -w '%{http_code} %{time_total}' -b "$cookie=$id" "http://127.0.0.1:${port[$c]}/session1/")
        next=$(curl -s -o /dev/null -m 60 -w '%{http_code} %{time_total}' -b "$cookie=$id" "http://127.0.0.1:${port[$c]}/session1/")
        echo "      Redis down, $c: HTTP ${first% *} in ${first#* } s, then HTTP ${next% *} in ${next#* } s"
        [[ ${first% *} == 5* && ${next% *} == 5* ]] || ok=0
        awk -v a="${first#* }" -v b="${next#* }" -v w="${failover_wait%s}" 'BEGIN { exit !(a >= w && b < w) }' || ok=0
    done
    [[ $ok == 1 ]] && pass "Redis down for longer than failoverWait: 5xx after waiting it, then 5xx at once" \
        || flunk "Redis down: a container did not wait failoverWait, or kept waiting after it"
    start_redis
    sleep 2
    ok=1
    for c in "${containers[@]}"; do
        serves "$c" 20 || { ok=0; echo "      $c does not serve again"; }
    done
    [[ $ok == 1 ]] && pass "Redis back: every container serves again without a restart" \
        || flunk "Redis back: not every container recovered"
fi

# 10. With CHECK_TOPOLOGY: a failover under load.
[[ $topology == standalone || -n ${REDIS_URI:-} ]] || check_failover "$topology"

echo
if [[ $failures == 0 ]]; then
    echo "All checks passed on ${containers[*]} in $SECONDS s. Logs: $work/*.log"
else
    echo "$failures check(s) failed. Logs: $work/*.log"
    exit 1
fi
