              <ColorMapEntry color="${color}" quantity="${classNumber}" label="${label}"/>
