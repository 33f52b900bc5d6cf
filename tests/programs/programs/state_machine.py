# Whole program: a simple state machine driven by generators (traffic light + parser).
def traffic_light():
    state = "red"
    durations = {"red": 3, "green": 2, "yellow": 1}
    nxt = {"red": "green", "green": "yellow", "yellow": "red"}
    while True:
        for tick in range(durations[state]):
            cmd = yield state + ":" + str(tick)
            if cmd == "emergency":
                state = "red"
                break
        else:
            state = nxt[state]
            continue
        print("  emergency -> red")
light = traffic_light()
print([next(light) for _ in range(7)])
print(light.send("emergency"), next(light), next(light))
light.close()
def tokens(text):
    state = "start"
    buf = ""
    for ch in text + " ":
        if state == "start":
            if ch.isdigit():
                state, buf = "number", ch
            elif ch.isalpha():
                state, buf = "word", ch
            elif ch == '"':
                state, buf = "string", ""
            elif not ch.isspace():
                yield ("sym", ch)
        elif state == "number":
            if ch.isdigit():
                buf += ch
            else:
                yield ("num", int(buf))
                state = "start"
                if not ch.isspace():
                    yield ("sym", ch)
        elif state == "word":
            if ch.isalpha() or ch.isdigit():
                buf += ch
            else:
                yield ("word", buf)
                state = "start"
                if not ch.isspace():
                    yield ("sym", ch)
        elif state == "string":
            if ch == '"':
                yield ("str", buf)
                state = "start"
            else:
                buf += ch
print(list(tokens('x1 = 42 + y; say "hi there" 7')))
def turnstile():
    state = "locked"
    log = []
    while True:
        event = yield state
        if event is None:
            return log
        if state == "locked" and event == "coin":
            state = "unlocked"
        elif state == "unlocked" and event == "push":
            state = "locked"
        log.append(event + "->" + state)
t = turnstile()
print(next(t), [t.send(e) for e in ["push", "coin", "coin", "push", "push"]])
try:
    t.send(None)
except StopIteration as e:
    print(e.value)
