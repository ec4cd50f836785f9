// geocluster web page: lists the WMS layers and shows one over its extent, in its own CRS, with
// its legend. Everything comes from this server's WMS at "ows" (same origin, no base map).
(function () {
  'use strict';
  var WMS = 'ows';
  var WMS_NS = 'http://www.opengis.net/wms';

  function status(text) {
    document.getElementById('status').textContent = text || '';
  }

  function child(el, name) {
    for (var n = el.firstElementChild; n; n = n.nextElementSibling) {
      if (n.localName === name && n.namespaceURI === WMS_NS) {
        return n;
      }
    }
    return null;
  }

  function children(el, name) {
    var out = [];
    for (var n = el.firstElementChild; n; n = n.nextElementSibling) {
      if (n.localName === name && n.namespaceURI === WMS_NS) {
        out.push(n);
      }
    }
    return out;
  }

  // Same rule as the server's CrsCatalog.northFirst: WMS 1.3.0 writes these CRSs' coordinates
  // latitude/northing first.
  function northFirst(code) {
    var m = /^EPSG:(\d+)$/.exec(code);
    if (!m) {
      return false;
    }
    var n = Number(m[1]);
    return n === 3035 || (n >= 4000 && n < 5000 && n !== 4087 && n !== 4088);
  }

  function parseLayers(xml) {
    var doc = new DOMParser().parseFromString(xml, 'application/xml');
    var root = doc.documentElement;
    if (!root || root.localName !== 'WMS_Capabilities') {
      throw new Error('not a WMS capabilities document');
    }
    var top = child(child(root, 'Capability'), 'Layer');
    return children(top, 'Layer').map(function (el) {
      var layer = {
        name: child(el, 'Name').textContent,
        title: child(el, 'Title').textContent,
        crs: children(el, 'CRS').map(function (c) { return c.textContent.trim(); }),
        boxes: {},
        kind: '',
        styled: false,
        modified: ''
      };
      children(el, 'BoundingBox').forEach(function (b) {
        var v = ['minx', 'miny', 'maxx', 'maxy'].map(function (a) { return Number(b.getAttribute(a)); });
        var code = b.getAttribute('CRS');
        // Back to x/y order for OpenLayers extents.
        layer.boxes[code] = northFirst(code) ? [v[1], v[0], v[3], v[2]] : v;
      });
      var keywords = child(el, 'KeywordList');
      (keywords ? children(keywords, 'Keyword') : []).forEach(function (k) {
        var vocabulary = k.getAttribute('vocabulary');
        if (vocabulary === 'geocluster:kind') { layer.kind = k.textContent; }
        if (vocabulary === 'geocluster:styled') { layer.styled = true; }
        if (vocabulary === 'geocluster:modified') { layer.modified = k.textContent; }
      });
      return layer;
    });
  }

  // The newest layer with a generated style (a published cluster layer), else the newest layer.
  function defaultLayer(layers) {
    var styled = layers.filter(function (l) { return l.styled; });
    var pool = styled.length ? styled : layers;
    return pool.slice().sort(function (a, b) { return a.modified < b.modified ? 1 : -1; })[0];
  }

  function projectionOf(code, extent) {
    var known = ol.proj.get(code);
    if (known) {
      return known;
    }
    var geographic = /^EPSG:4\d\d\d$/.test(code) && code !== 'EPSG:4087' && code !== 'EPSG:4088';
    // A plain projection object is enough to show the server's image in its own CRS: nothing is
    // reprojected in the browser.
    return new ol.proj.Projection({
      code: code,
      units: geographic ? 'degrees' : 'm',
      extent: extent,
      axisOrientation: northFirst(code) ? 'neu' : 'enu'
    });
  }

  function show(layer) {
    var code = layer.crs[0];
    var extent = layer.boxes[code];
    if (!code || !extent) {
      status('Layer ' + layer.name + ' has no extent to show.');
      return;
    }
    // A single point or a line of points has a zero-size box: pad it so the view can fit it.
    var pad = Math.max(extent[2] - extent[0], extent[3] - extent[1]) * 0.05 || 1;
    var padded = [extent[0] - pad, extent[1] - pad, extent[2] + pad, extent[3] + pad];
    var projection = projectionOf(code, padded);
    var source = new ol.source.ImageWMS({
      url: WMS,
      params: { LAYERS: layer.name, FORMAT: 'image/png', TRANSPARENT: true, VERSION: '1.3.0', STYLES: '' },
      projection: projection,
      ratio: 1
    });
    source.on('imageloaderror', function () { status('The map image of ' + layer.name + ' failed to load.'); });
    var map = new ol.Map({
      target: 'map',
      layers: [new ol.layer.Image({ source: source })],
      view: new ol.View({ projection: projection })
    });
    map.getView().fit(padded, { size: map.getSize() });
    document.getElementById('legend').src = WMS + '?service=WMS&version=1.3.0&request=GetLegendGraphic'
      + '&format=image%2Fpng&layer=' + encodeURIComponent(layer.name);
    document.title = layer.title + ' – geocluster';
  }

  function list(layers, current) {
    var ul = document.getElementById('layers');
    layers.forEach(function (l) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = '?layer=' + encodeURIComponent(l.name);
      a.textContent = l.title;
      li.appendChild(a);
      if (current && l.name === current.name) {
        li.className = 'current';
      }
      ul.appendChild(li);
    });
  }

  fetch(WMS + '?service=WMS&request=GetCapabilities')
    .then(function (r) {
      if (!r.ok) { throw new Error('GetCapabilities answered ' + r.status); }
      return r.text();
    })
    .then(function (xml) {
      var layers = parseLayers(xml);
      if (!layers.length) {
        status('No layers yet.');
        return;
      }
      var wanted = new URLSearchParams(window.location.search).get('layer');
      var current = layers.filter(function (l) { return l.name === wanted; })[0] || defaultLayer(layers);
      if (wanted && current.name !== wanted) {
        status('No layer named ' + wanted + '; showing ' + current.name + '.');
      }
      list(layers, current);
      show(current);
    })
    .catch(function (e) { status(String(e.message || e)); });
}());
