/**
 * Which distribution (the name in requirements.txt or pyproject.toml) provides an import, for the
 * imports whose name differs from their distribution's: data we maintain by hand. An import whose
 * distribution has its own name (`numpy`, `pandas`, `typing_extensions` → `typing-extensions`)
 * needs no entry; see `providers` for the name rules applied on top.
 *
 * Keys are top-level import names, or dotted names where one top-level package is shared by
 * several distributions (`google.protobuf`). Values list every distribution known to provide it
 * (PyPI names, and conda names where they differ).
 */
const IMPORT_DISTRIBUTIONS: Readonly<Record<string, readonly string[]>> = {
  // Scientific Python and machine learning
  sklearn: ['scikit-learn'],
  skimage: ['scikit-image'],
  skopt: ['scikit-optimize'],
  skfuzzy: ['scikit-fuzzy'],
  sksurv: ['scikit-survival'],
  skmultilearn: ['scikit-multilearn'],
  scikitplot: ['scikit-plot'],
  skvideo: ['scikit-video'],
  surprise: ['scikit-surprise'],
  imblearn: ['imbalanced-learn'],
  umap: ['umap-learn'],
  cv2: ['opencv-python', 'opencv-python-headless', 'opencv-contrib-python', 'opencv-contrib-python-headless', 'opencv', 'py-opencv', 'libopencv'],
  PIL: ['Pillow', 'pillow-simd', 'PIL'],
  mpl_toolkits: ['matplotlib', 'basemap'],
  'mpl_toolkits.basemap': ['basemap'],
  pylab: ['matplotlib'],
  torch: ['torch', 'pytorch', 'pytorch-cpu', 'pytorch-gpu'],
  tensorflow: ['tensorflow', 'tensorflow-gpu', 'tensorflow-cpu', 'tensorflow-macos', 'tensorflow-intel', 'tensorflow-aarch64', 'tf-nightly', 'intel-tensorflow'],
  paddle: ['paddlepaddle', 'paddlepaddle-gpu'],
  mxnet: ['mxnet', 'mxnet-cu112', 'mxnet-cu110', 'mxnet-cu102', 'mxnet-mkl'],
  onnxruntime: ['onnxruntime', 'onnxruntime-gpu', 'onnxruntime-directml', 'onnxruntime-silicon'],
  faiss: ['faiss-cpu', 'faiss-gpu', 'faiss'],
  cupy: ['cupy', 'cupy-cuda11x', 'cupy-cuda12x', 'cupy-cuda110', 'cupy-cuda102', 'cupy-cuda101'],
  cudf: ['cudf', 'cudf-cu11', 'cudf-cu12'],
  haiku: ['dm-haiku'],
  sonnet: ['dm-sonnet'],
  tree: ['dm-tree'],
  fasttext: ['fasttext', 'fasttext-wheel'],
  Stemmer: ['PyStemmer'],
  Levenshtein: ['python-Levenshtein', 'Levenshtein'],
  community: ['python-louvain'],
  igraph: ['python-igraph', 'igraph'],
  pycrfsuite: ['python-crfsuite'],
  whisper: ['openai-whisper'],
  llama_cpp: ['llama-cpp-python'],
  nemo: ['nemo-toolkit', 'nemo_toolkit'],
  pyannote: ['pyannote.audio', 'pyannote.core'],
  autogen: ['pyautogen', 'autogen', 'autogen-agentchat', 'ag2'],
  haystack: ['haystack-ai', 'farm-haystack'],
  dspy: ['dspy-ai', 'dspy'],
  darts: ['u8darts', 'darts'],
  talib: ['TA-Lib', 'ta-lib'],
  rdkit: ['rdkit', 'rdkit-pypi'],
  Bio: ['biopython'],
  osgeo: ['GDAL', 'gdal'],
  gdal: ['GDAL', 'gdal'],
  ogr: ['GDAL', 'gdal'],
  osr: ['GDAL', 'gdal'],
  delta: ['delta-spark'],
  airflow: ['apache-airflow'],
  dbt: ['dbt-core'],
  scrapbook: ['nteract-scrapbook'],
  // Data access, formats and files
  yaml: ['PyYAML'],
  ruamel: ['ruamel.yaml'],
  bs4: ['beautifulsoup4'],
  dateutil: ['python-dateutil'],
  dotenv: ['python-dotenv'],
  docx: ['python-docx'],
  pptx: ['python-pptx'],
  fitz: ['PyMuPDF', 'pymupdf'],
  pymupdf: ['PyMuPDF'],
  pdfminer: ['pdfminer.six', 'pdfminer'],
  tabula: ['tabula-py'],
  camelot: ['camelot-py'],
  odf: ['odfpy'],
  magic: ['python-magic', 'python-magic-bin'],
  barcode: ['python-barcode'],
  fpdf: ['fpdf', 'fpdf2'],
  snappy: ['python-snappy'],
  MySQLdb: ['mysqlclient', 'MySQL-python'],
  mysql: ['mysql-connector-python', 'mysql-connector'],
  psycopg2: ['psycopg2', 'psycopg2-binary'],
  psycopg: ['psycopg', 'psycopg-binary'],
  bson: ['pymongo'],
  gridfs: ['pymongo'],
  cassandra: ['cassandra-driver'],
  gremlin_python: ['gremlinpython'],
  impala: ['impyla'],
  snowflake: ['snowflake-connector-python', 'snowflake-snowpark-python', 'snowflake-sqlalchemy'],
  databricks: ['databricks-sdk', 'databricks-connect', 'databricks-sql-connector'],
  kafka: ['kafka-python', 'kafka-python-ng'],
  paho: ['paho-mqtt'],
  nats: ['nats-py'],
  stomp: ['stomp.py'],
  tortoise: ['tortoise-orm'],
  pinecone: ['pinecone-client', 'pinecone'],
  weaviate: ['weaviate-client'],
  pyrebase: ['Pyrebase4', 'pyrebase'],
  googleapiclient: ['google-api-python-client'],
  apiclient: ['google-api-python-client'],
  vertexai: ['google-cloud-aiplatform'],
  'google.protobuf': ['protobuf'],
  'google.generativeai': ['google-generativeai'],
  'google.genai': ['google-genai'],
  'google.colab': ['google-colab'],
  grpc: ['grpcio'],
  grpc_tools: ['grpcio-tools'],
  tensorflow_serving: ['tensorflow-serving-api', 'tensorflow-serving-api-gpu'],
  tensorflow_datasets: ['tensorflow-datasets', 'tfds-nightly'],
  tensorflow_hub: ['tensorflow-hub'],
  // The web, networks and services
  jwt: ['PyJWT'],
  jose: ['python-jose'],
  multipart: ['python-multipart'],
  socketio: ['python-socketio'],
  engineio: ['python-engineio'],
  websocket: ['websocket-client'],
  rest_framework: ['djangorestframework'],
  corsheaders: ['django-cors-headers'],
  environ: ['django-environ'],
  decouple: ['python-decouple'],
  telegram: ['python-telegram-bot'],
  discord: ['discord.py', 'py-cord'],
  slack: ['slackclient'],
  github: ['PyGithub'],
  git: ['GitPython'],
  facebook: ['facebook-sdk'],
  shopify: ['ShopifyAPI'],
  newspaper: ['newspaper3k', 'newspaper4k'],
  wikipediaapi: ['Wikipedia-API'],
  whois: ['python-whois'],
  nmap: ['python-nmap'],
  dns: ['dnspython'],
  gnupg: ['python-gnupg'],
  ldap: ['python-ldap'],
  argon2: ['argon2-cffi'],
  Crypto: ['pycryptodome', 'pycrypto'],
  Cryptodome: ['pycryptodomex'],
  OpenSSL: ['pyOpenSSL'],
  nacl: ['PyNaCl'],
  solcx: ['py-solc-x'],
  speech_recognition: ['SpeechRecognition'],
  // Systems, hardware and desktop
  serial: ['pyserial'],
  usb: ['pyusb'],
  bluetooth: ['PyBluez', 'pybluez'],
  can: ['python-can'],
  RPi: ['RPi.GPIO'],
  board: ['adafruit-blinka'],
  busio: ['adafruit-blinka'],
  zmq: ['pyzmq'],
  dbus: ['dbus-python'],
  Xlib: ['python-xlib'],
  wx: ['wxPython'],
  gi: ['PyGObject'],
  cairo: ['pycairo'],
  OpenGL: ['PyOpenGL'],
  sdl2: ['PySDL2'],
  vlc: ['python-vlc'],
  ffmpeg: ['ffmpeg-python'],
  webview: ['pywebview'],
  jpype: ['JPype1'],
  javabridge: ['python-javabridge'],
  clr: ['pythonnet'],
  win32api: ['pywin32'],
  win32con: ['pywin32'],
  win32gui: ['pywin32'],
  win32com: ['pywin32'],
  win32file: ['pywin32'],
  win32process: ['pywin32'],
  win32clipboard: ['pywin32'],
  pythoncom: ['pywin32'],
  pywintypes: ['pywin32'],
  AppKit: ['pyobjc', 'pyobjc-framework-Cocoa'],
  Foundation: ['pyobjc', 'pyobjc-framework-Cocoa'],
  objc: ['pyobjc', 'pyobjc-core'],
  Quartz: ['pyobjc', 'pyobjc-framework-Quartz'],
  // Packaging and tooling
  pkg_resources: ['setuptools'],
  distutils: ['setuptools'],
  attr: ['attrs'],
  past: ['future'],
  libfuturize: ['future'],
  _pytest: ['pytest'],
};

/** Namespace packages shared by many distributions, all named `<namespace>-…`. */
const NAMESPACES: ReadonlySet<string> = new Set(['google', 'azure', 'backports', 'zope', 'sphinxcontrib', 'jaraco', 'ruamel', 'oslo', 'plone', 'flufl']);

/** Suffixes of distributions that ship a build variant of another (`psycopg2-binary`). */
const VARIANT_SUFFIXES = ['-binary', '-headless', '-cpu', '-gpu', '-slim', '-lite'];

/** PEP 503 normalised distribution name: lower case, runs of `-`, `_`, `.` as one `-`. */
export function normalizeDistribution(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

const NORMALIZED: ReadonlyMap<string, readonly string[]> = new Map(Object.entries(IMPORT_DISTRIBUTIONS).map(([module, names]) => [module, names.map(normalizeDistribution)]));

/**
 * Whether one of the `declared` distributions (normalised names) provides the import of `module`
 * (dotted, absolute): the map above for its longest listed prefix, else a distribution with the
 * import's own name, or that name with a usual affix (`python-X`, `pyX`, `X-python`, `py-X`) or
 * build suffix (`X-binary`), or, for namespace packages, any `<namespace>-…` distribution.
 */
export function isProvided(module: string, declared: ReadonlySet<string>): boolean {
  const parts = module.split('.');
  for (let length = parts.length; length >= 1; length--) {
    const listed = NORMALIZED.get(parts.slice(0, length).join('.'));
    if (listed?.some((name) => declared.has(name))) return true;
  }
  const top = parts[0]!;
  const own = normalizeDistribution(top);
  const candidates = [own, `python-${own}`, `py${own}`, `py-${own}`, `${own}-python`, `${own}-py`];
  if (candidates.some((name) => declared.has(name))) return true;
  for (const name of declared) {
    if (VARIANT_SUFFIXES.some((suffix) => name === own + suffix)) return true;
  }
  if (NAMESPACES.has(top)) {
    const prefix = `${own}-`;
    for (const name of declared) if (name.startsWith(prefix)) return true;
  }
  return false;
}

/** The distribution to suggest declaring for an import: the listed one, `google-cloud-storage` for a namespace package, else its own name. */
export function suggestedDistribution(module: string): string {
  const parts = module.split('.');
  for (let length = parts.length; length >= 1; length--) {
    const listed = Object.hasOwn(IMPORT_DISTRIBUTIONS, parts.slice(0, length).join('.')) ? IMPORT_DISTRIBUTIONS[parts.slice(0, length).join('.')] : undefined;
    if (listed) return listed[0]!;
  }
  if (NAMESPACES.has(parts[0]!)) return normalizeDistribution(parts.slice(0, 3).join('-'));
  return parts[0]!;
}
