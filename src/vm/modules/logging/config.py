# logging.config for gilvm: dictConfig with the common schema of CPython 3.11 (version,
# formatters, filters, handlers, loggers, root, incremental, disable_existing_loggers,
# '()' factories, 'ext://' and 'cfg://' values) and its error messages. fileConfig and
# the listen() socket server are not provided (AttributeError says so).

import logging
import logging.handlers
import re

__all__ = ["dictConfig", "dictConfigClass", "valid_ident", "DEFAULT_LOGGING_CONFIG_PORT"]

DEFAULT_LOGGING_CONFIG_PORT = 9030

_NOT_PROVIDED = ("fileConfig", "listen", "stopListening")


def __getattr__(name):
    if name in _NOT_PROVIDED:
        raise AttributeError(
            f"module 'logging.config' has no attribute '{name}' "
            "(gilvm provides dictConfig only)")
    raise AttributeError(f"module 'logging.config' has no attribute '{name}'")


IDENTIFIER = re.compile('^[a-z_][a-z0-9_]*$', re.I)


def valid_ident(s):
    m = IDENTIFIER.match(s)
    if not m:
        raise ValueError('Not a valid Python identifier: %r' % s)
    return True


def _resolve(name):
    """The object a dotted name names, importing modules along the way."""
    parts = name.split('.')
    used = parts.pop(0)
    try:
        found = __import__(used)
        for frag in parts:
            used += '.' + frag
            try:
                found = getattr(found, frag)
            except AttributeError:
                __import__(used)
                found = getattr(found, frag)
        return found
    except ImportError as e:
        v = ValueError('Cannot resolve %r: %s' % (name, e))
        raise v from e


_CFG_WORD = re.compile(r'^\s*(\w+)\s*')
_CFG_DOT = re.compile(r'^\.\s*(\w+)\s*')
_CFG_INDEX = re.compile(r'^\[\s*(\w+)\s*\]\s*')
_CONVERT = re.compile(r'^(?P<prefix>[a-z]+)://(?P<suffix>.*)$')


class DictConfigurator(object):
    """Configures logging from a dictionary (the schema in CPython's documentation)."""

    def __init__(self, config):
        self.config = config

    # -- values ------------------------------------------------------------------

    def resolve(self, s):
        return _resolve(s)

    def ext_convert(self, value):
        return self.resolve(value)

    def cfg_convert(self, value):
        rest = value
        m = _CFG_WORD.match(rest)
        if m is None:
            raise ValueError('Unable to convert %r' % value)
        rest = rest[m.end():]
        d = self.config[m.groups()[0]]
        while rest:
            m = _CFG_DOT.match(rest)
            if m:
                d = d[m.groups()[0]]
            else:
                m = _CFG_INDEX.match(rest)
                if m:
                    idx = m.groups()[0]
                    if idx.isdigit():
                        try:
                            d = d[int(idx)]
                        except TypeError:
                            d = d[idx]
                    else:
                        d = d[idx]
            if m:
                rest = rest[m.end():]
            else:
                raise ValueError('Unable to convert %r at %r' % (value, rest))
        return d

    def convert(self, value):
        if isinstance(value, str):
            m = _CONVERT.match(value)
            if m:
                prefix = m.group('prefix')
                if prefix == 'ext':
                    return self.ext_convert(m.group('suffix'))
                if prefix == 'cfg':
                    return self.cfg_convert(m.group('suffix'))
        elif isinstance(value, list):
            return [self.convert(v) for v in value]
        elif isinstance(value, tuple):
            return tuple(self.convert(v) for v in value)
        return value

    def configure_custom(self, config):
        config = dict(config)
        c = config.pop('()')
        if not callable(c):
            c = self.resolve(c)
        props = config.pop('.', None)
        kwargs = {k: self.convert(config[k]) for k in config if valid_ident(k)}
        result = c(**kwargs)
        if props:
            for name, value in props.items():
                setattr(result, name, value)
        return result

    # -- the whole configuration -------------------------------------------------

    def configure(self):
        config = self.config
        if 'version' not in config:
            raise ValueError("dictionary doesn't specify a version")
        if config['version'] != 1:
            raise ValueError("Unsupported version: %s" % config['version'])
        incremental = config.pop('incremental', False)
        logging._acquireLock()
        try:
            if incremental:
                self._configure_incremental(config)
                return
            disable_existing = config.pop('disable_existing_loggers', True)
            _clear_existing_handlers()

            formatters = config.get('formatters', {})
            for name in formatters:
                try:
                    formatters[name] = self.configure_formatter(formatters[name])
                except Exception as e:
                    raise ValueError('Unable to configure formatter %r' % name) from e

            filters = config.get('filters', {})
            for name in filters:
                try:
                    filters[name] = self.configure_filter(filters[name])
                except Exception as e:
                    raise ValueError('Unable to configure filter %r' % name) from e

            # A handler naming another as its target (MemoryHandler) waits for it.
            handlers = config.get('handlers', {})
            deferred = []
            for name in sorted(handlers):
                try:
                    handler = self.configure_handler(handlers[name])
                    handler.name = name
                    handlers[name] = handler
                except Exception as e:
                    if 'target not configured yet' in str(e.__cause__):
                        deferred.append(name)
                    else:
                        raise ValueError('Unable to configure handler %r' % name) from e
            for name in deferred:
                try:
                    handler = self.configure_handler(handlers[name])
                    handler.name = name
                    handlers[name] = handler
                except Exception as e:
                    raise ValueError('Unable to configure handler %r' % name) from e

            root = logging.root
            existing = sorted(root.manager.loggerDict.keys())
            child_loggers = []
            loggers = config.get('loggers', {})
            for name in loggers:
                if name in existing:
                    i = existing.index(name) + 1
                    prefixed = name + "."
                    while i < len(existing) and existing[i].startswith(prefixed):
                        child_loggers.append(existing[i])
                        i += 1
                    existing.remove(name)
                try:
                    self.configure_logger(name, loggers[name])
                except Exception as e:
                    raise ValueError('Unable to configure logger %r' % name) from e
            _handle_existing_loggers(existing, child_loggers, disable_existing)

            root_config = config.get('root', None)
            if root_config:
                try:
                    self.configure_root(root_config)
                except Exception as e:
                    raise ValueError('Unable to configure root logger') from e
        finally:
            logging._releaseLock()

    def _configure_incremental(self, config):
        handlers = config.get('handlers', {})
        for name in handlers:
            if name not in logging._handlers:
                raise ValueError('No handler found with name %r' % name)
            try:
                handler = logging._handlers[name]
                level = handlers[name].get('level', None)
                if level:
                    handler.setLevel(logging._checkLevel(level))
            except Exception as e:
                raise ValueError('Unable to configure handler %r' % name) from e
        loggers = config.get('loggers', {})
        for name in loggers:
            try:
                self.configure_logger(name, loggers[name], True)
            except Exception as e:
                raise ValueError('Unable to configure logger %r' % name) from e
        root = config.get('root', None)
        if root:
            try:
                self.configure_root(root, True)
            except Exception as e:
                raise ValueError('Unable to configure root logger') from e

    # -- the parts ---------------------------------------------------------------

    def configure_formatter(self, config):
        if '()' in config:
            factory = config['()']
            try:
                return self.configure_custom(config)
            except TypeError as te:
                if "'format'" not in str(te):
                    raise
                # A factory written for the `fmt=` name of Formatter's parameter.
                config = dict(config)
                config['fmt'] = config.pop('format')
                config['()'] = factory
                return self.configure_custom(config)
        fmt = config.get('format', None)
        dfmt = config.get('datefmt', None)
        style = config.get('style', '%')
        cname = config.get('class', None)
        c = logging.Formatter if not cname else _resolve(cname)
        if 'validate' in config:
            return c(fmt, dfmt, style, config['validate'])
        return c(fmt, dfmt, style)

    def configure_filter(self, config):
        if '()' in config:
            return self.configure_custom(config)
        return logging.Filter(config.get('name', ''))

    def add_filters(self, filterer, filters):
        for f in filters:
            try:
                filterer.addFilter(self.config['filters'][f])
            except Exception as e:
                raise ValueError('Unable to add filter %r' % f) from e

    def configure_handler(self, config):
        config = dict(config)
        formatter = config.pop('formatter', None)
        if formatter:
            try:
                formatter = self.config['formatters'][formatter]
            except Exception as e:
                raise ValueError('Unable to set formatter %r' % formatter) from e
        level = config.pop('level', None)
        filters = config.pop('filters', None)
        if '()' in config:
            c = config.pop('()')
            if not callable(c):
                c = self.resolve(c)
            factory = c
        else:
            cname = config.pop('class')
            klass = cname if callable(cname) else self.resolve(cname)
            if issubclass(klass, logging.handlers.MemoryHandler) and 'target' in config:
                try:
                    th = self.config['handlers'][config['target']]
                    if not isinstance(th, logging.Handler):
                        raise ValueError('target not configured yet')
                    config['target'] = th
                except Exception as e:
                    raise ValueError('Unable to set target handler %r'
                                     % config['target']) from e
            factory = klass
        props = config.pop('.', None)
        kwargs = {k: self.convert(config[k]) for k in config
                  if k != 'class' and valid_ident(k)}
        result = factory(**kwargs)
        if formatter:
            result.setFormatter(formatter)
        if level is not None:
            result.setLevel(logging._checkLevel(level))
        if filters:
            self.add_filters(result, filters)
        if props:
            for name, value in props.items():
                setattr(result, name, value)
        return result

    def add_handlers(self, logger, handlers):
        for h in handlers:
            try:
                logger.addHandler(self.config['handlers'][h])
            except Exception as e:
                raise ValueError('Unable to add handler %r' % h) from e

    def common_logger_config(self, logger, config, incremental=False):
        level = config.get('level', None)
        if level is not None:
            logger.setLevel(logging._checkLevel(level))
        if not incremental:
            for h in logger.handlers[:]:
                logger.removeHandler(h)
            handlers = config.get('handlers', None)
            if handlers:
                self.add_handlers(logger, handlers)
            filters = config.get('filters', None)
            if filters:
                self.add_filters(logger, filters)

    def configure_logger(self, name, config, incremental=False):
        logger = logging.getLogger(name)
        self.common_logger_config(logger, config, incremental)
        logger.disabled = False
        propagate = config.get('propagate', None)
        if propagate is not None:
            logger.propagate = propagate

    def configure_root(self, config, incremental=False):
        self.common_logger_config(logging.getLogger(), config, incremental)


dictConfigClass = DictConfigurator


def dictConfig(config):
    """Configure logging using a dictionary."""
    dictConfigClass(config).configure()


def _clear_existing_handlers():
    logging._handlers.clear()
    logging.shutdown(logging._handlerList[:])
    del logging._handlerList[:]


def _handle_existing_loggers(existing, child_loggers, disable_existing):
    # Loggers the configuration does not name are disabled (by default); children of
    # named ones are reset and kept enabled.
    root = logging.root
    for log in existing:
        logger = root.manager.loggerDict[log]
        if log in child_loggers:
            if not isinstance(logger, logging.PlaceHolder):
                logger.setLevel(logging.NOTSET)
                logger.handlers = []
                logger.propagate = True
        else:
            logger.disabled = disable_existing
